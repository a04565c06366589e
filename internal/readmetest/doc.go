// Package readmetest holds the tests that keep README.md true: every Go
// block of the README compiles against the module as it is, and every
// output the README quotes is the real output of the code it describes
// (golden files under testdata, rewritten with go test -update).
package readmetest
