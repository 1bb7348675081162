//go:build !unix

package pirl

import "errors"

func mkfifo(string) error { return errors.New("not supported") }
