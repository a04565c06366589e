// Command proposal renders an SLA proposal: a web shop offered at 99.9% a
// month, built on an application hosting supplier (load balancer, web
// servers, database) and a network supplier. It prints the full report as
// Markdown — can we promise it, under which assumption, what each supplier
// must guarantee, what credits will cost — and writes the dependency graph
// as Mermaid (proposal.mmd) and Graphviz DOT (proposal.dot) and the chart of
// the monthly downtime with the credit tiers (proposal.svg).
//
//	go run ./examples/proposal                  # the embedded web shop proposal
//	go run ./examples/proposal -out /tmp/offer  # the pictures elsewhere
//	go run ./examples/proposal -file my.json    # your own proposal
//
// The proposal is the JSON document proposal.json next to this file,
// embedded in the program so that it runs from any directory; the format
// is documented in package github.com/slacalc/slacalc/contract/proposal.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/slacalc/slacalc/contract/proposal"
)

//go:embed proposal.json
var webshop []byte

func main() {
	out := flag.String("out", "proposal-out", "directory for proposal.mmd, proposal.dot and proposal.svg; created if missing")
	file := flag.String("file", "", "a proposal JSON file to render instead of the embedded web shop")
	flag.Parse()
	doc := webshop
	if *file != "" {
		var err error
		if doc, err = os.ReadFile(*file); err != nil {
			fmt.Fprintln(os.Stderr, "proposal:", err)
			os.Exit(1)
		}
	}
	files, err := run(os.Stdout, doc, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "proposal:", err)
		os.Exit(1)
	}
	for _, f := range files {
		fmt.Fprintln(os.Stderr, "wrote", f)
	}
}

// run loads the proposal, writes its report to w and its pictures into
// the directory out, and returns the paths of the files written.
func run(w io.Writer, doc []byte, out string) ([]string, error) {
	p, err := proposal.Parse(doc)
	if err != nil {
		return nil, err
	}
	a, err := proposal.Analyze(context.Background(), p)
	if err != nil {
		return nil, err
	}
	if err := a.WriteMarkdown(w); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	var svg bytes.Buffer
	if err := a.WriteSVG(&svg); err != nil {
		return nil, err
	}
	var files []string
	for _, f := range []struct {
		name string
		data []byte
	}{
		{"proposal.mmd", []byte(a.Mermaid)},
		{"proposal.dot", []byte(a.DOT)},
		{"proposal.svg", svg.Bytes()},
	} {
		path := filepath.Join(out, f.name)
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			return nil, err
		}
		files = append(files, path)
	}
	return files, nil
}
