package readmetest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/proposal"
	"github.com/slacalc/slacalc/contract/proposal/proposaltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const readme = "../../README.md"

// block is a fenced block of the README with its language and first line.
type block struct {
	lang string
	line int
	text string
}

func blocks(t *testing.T) []block {
	t.Helper()
	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	var out []block
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		lang, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && lines[i] != "```"; i++ {
		}
		out = append(out, block{lang: lang, line: start + 1, text: strings.Join(lines[start:i], "\n")})
	}
	return out
}

// imports are the packages a README block may use without importing them.
var imports = map[string]string{
	"availability": "github.com/slacalc/slacalc/availability",
	"sla":          "github.com/slacalc/slacalc/sla",
	"contract":     "github.com/slacalc/slacalc/contract",
	"money":        "github.com/slacalc/slacalc/contract/money",
	"pricing":      "github.com/slacalc/slacalc/contract/pricing",
	"proposal":     "github.com/slacalc/slacalc/contract/proposal",
	"proposaltest": "github.com/slacalc/slacalc/contract/proposal/proposaltest",
	"faulttree":    "github.com/slacalc/slacalc/availability/faulttree",
	"openslo":      "github.com/slacalc/slacalc/sla/openslo",
	"promrules":    "github.com/slacalc/slacalc/sla/promrules",
	"promrange":    "github.com/slacalc/slacalc/sla/promrange",
	"context":      "context",
	"errors":       "errors",
	"fmt":          "fmt",
	"os":           "os",
	"strings":      "strings",
	"testing":      "testing",
	"time":         "time",
}

var (
	importLine = regexp.MustCompile(`(?m)^import\s+"[^"]+"\s*$`)
	qualified  = regexp.MustCompile(`\b([a-z]+)\.[A-Z]`)
	comment    = regexp.MustCompile(`//.*`)
	topLevel   = regexp.MustCompile(`(?m)^(func|type) `)
)

// program turns a README block into a compilable file: a block with
// top-level declarations is used as a file, any other as the body of a
// function that returns an error (so a block may "return err"); the
// packages it names are imported.
func program(b block) string {
	body := importLine.ReplaceAllString(b.text, "")
	used := map[string]bool{}
	for _, m := range qualified.FindAllStringSubmatch(comment.ReplaceAllString(body, ""), -1) {
		if _, ok := imports[m[1]]; ok {
			used[m[1]] = true
		}
	}
	names := make([]string, 0, len(used))
	for n := range used {
		names = append(names, n)
	}
	sort.Strings(names)
	var src strings.Builder
	fmt.Fprintf(&src, "// Code generated from README.md line %d; DO NOT EDIT.\n\npackage block\n\nimport (\n", b.line)
	for _, n := range names {
		fmt.Fprintf(&src, "\t%q\n", imports[n])
	}
	src.WriteString(")\n\n")
	if topLevel.MatchString(body) {
		src.WriteString(body + "\n")
	} else {
		fmt.Fprintf(&src, "func block() error {\n%s\nreturn nil\n}\n", body)
	}
	return src.String()
}

// TestGoBlocksCompile writes every Go block of the README as a package of
// its own and vets them all with the go command: a block that does not
// compile, or declares a variable it never uses, fails here, not in a
// reader's editor.
func TestGoBlocksCompile(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	dir, err := os.MkdirTemp(".", "_blocks") // inside the module, ignored by ./...
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	var pkgs []string
	where := map[string]int{}
	for i, b := range blocks(t) {
		if b.lang != "go" {
			continue
		}
		pkg := filepath.Join(dir, fmt.Sprintf("b%02d", i))
		require.NoError(t, os.MkdirAll(pkg, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(pkg, "block.go"), []byte(program(b)), 0o644))
		pkgs = append(pkgs, "./"+filepath.ToSlash(pkg))
		where[filepath.Base(pkg)] = b.line
	}
	require.NotEmpty(t, pkgs, "the README has no Go blocks")
	cmd := exec.Command(goBin, append([]string{"vet"}, pkgs...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Errorf("README Go blocks do not compile (block bNN starts at the README line given in its file's header; %v):\n%s", where, out.String())
	}
}

// recorder is a testing.TB that keeps what CheckOffer reports.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}

// TestOfferFailureExcerpt checks that the proposaltest failure the README
// quotes is what proposaltest reports for the shipped proposal in the
// worst case, through the golden file testdata/offer_failure.txt.
func TestOfferFailureExcerpt(t *testing.T) {
	f, err := os.Open("../../examples/proposal/proposal.json")
	require.NoError(t, err)
	defer f.Close()
	p, err := proposal.Load(f)
	require.NoError(t, err)
	rec := &recorder{TB: t}
	proposaltest.CheckOffer(rec, p, proposaltest.Requirements{Assumption: availability.WorstCase})
	require.NotEmpty(t, rec.errs, "the shipped proposal is covered in the worst case; the README's excerpt needs another example")
	got := rec.errs[0]
	if _, rest, ok := strings.Cut(got, ": "); ok && strings.HasPrefix(got, "proposal ") {
		got = rest // the README leaves out the proposal's name
	}
	golden := filepath.Join("testdata", "offer_failure.txt")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(got+"\n"), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), got+"\n", "run go test -update to rewrite %s", golden)
	quoted := ""
	bs := blocks(t)
	for i, b := range bs {
		if b.lang == "" && strings.HasPrefix(b.text, "offer ") && i > 0 {
			quoted = b.text
		}
	}
	assert.Equal(t, strings.TrimSuffix(string(want), "\n"), quoted, "the README's proposaltest excerpt is not %s", golden)
}

// TestQuotedSummary checks that the report summary the README quotes for
// the Dutch office-hours offer is the one in the golden report of
// contract/proposal (rewritten there with go test -update).
func TestQuotedSummary(t *testing.T) {
	report, err := os.ReadFile("../../contract/proposal/testdata/golden/dutch-office.md")
	require.NoError(t, err)
	var summary string
	for _, line := range strings.Split(string(report), "\n") {
		if strings.HasPrefix(line, "**Covered") || strings.HasPrefix(line, "**Guaranteed") || strings.HasPrefix(line, "**Not covered") {
			summary = strings.Trim(line, "*")
			break
		}
	}
	require.NotEmpty(t, summary, "the golden report has no summary line")
	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	flat := strings.Join(strings.Fields(string(data)), " ")
	assert.Contains(t, flat, `("`+summary+`")`, "the README quotes another summary than the report's")
}
