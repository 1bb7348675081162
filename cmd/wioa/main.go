// Command wioa finds equity gaps in WIOA participant outcomes. See README.md.
package main

import (
	"os"

	"github.com/wioa-equity/wioa/cmd"
)

func main() { os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
