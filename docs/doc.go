// Package docs holds the project's own specification, METHODS.md, and the
// test that keeps the code's "METHODS §N" citations pointing at sections it
// has. It has no code.
package docs
