// Command coldrun times whole-process runs of examples/faulttree and of
// SCRAM side by side, one process per tree and engine, as a user runs
// them, and checks that the two agree on every tree's probability.
//
//	go build -o /tmp/ft ./examples/faulttree
//	go run ./internal/ftgen/cmd/coldrun -ours /tmp/ft ../shared/benchdata/aralia/*.xml
//
// (internal/ftgen/coldrun.sh does both.) Trees using not or xor, which
// examples/faulttree rejects, and those named by -skip are left out. For
// each tree it prints the wall and CPU (user+system) time of both and the
// two probabilities, then the totals and the ratios. The runs alternate
// between the engines, so a change of machine load hits both alike; with
// -runs n each figure is the minimum of n runs.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

type timing struct{ wall, cpu time.Duration }

func main() {
	ours := flag.String("ours", "/tmp/ft", "examples/faulttree binary")
	scram := flag.String("scram", "scram", "SCRAM binary")
	skip := flag.String("skip", "nus9601", "comma-separated tree names to leave out")
	runs := flag.Int("runs", 1, "runs per tree and engine; the minimum counts")
	tol := flag.Float64("tol", 1e-5, "relative tolerance against SCRAM's 6 printed digits")
	flag.Parse()
	skipped := map[string]bool{}
	for _, s := range strings.Split(*skip, ",") {
		skipped[s] = true
	}
	if _, err := exec.LookPath(*scram); err != nil {
		fmt.Fprintln(os.Stderr, "coldrun: SCRAM not found, skipping:", err)
		return
	}
	var tOurs, tScram timing
	n, bad := 0, 0
	fmt.Printf("%-10s %9s %9s %9s %9s  %-20s %-12s\n", "tree", "wall", "cpu", "scram", "scramcpu", "P", "P scram")
	for _, f := range flag.Args() {
		name := strings.TrimSuffix(filepath.Base(f), ".xml")
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "coldrun:", err)
			os.Exit(1)
		}
		if skipped[name] || bytes.Contains(data, []byte("<not>")) || bytes.Contains(data, []byte("<xor>")) {
			continue
		}
		var best [2]timing
		var out [2][]byte
		for r := range *runs {
			for e, argv := range [][]string{{*ours, f}, {*scram, "--bdd", "--probability", "1", "-l", "1", f}} {
				t, o, err := run(argv)
				if err != nil {
					fmt.Fprintf(os.Stderr, "coldrun: %s: %v\n%s", strings.Join(argv, " "), err, o)
					os.Exit(1)
				}
				if r == 0 || t.wall < best[e].wall {
					best[e].wall = t.wall
				}
				if r == 0 || t.cpu < best[e].cpu {
					best[e].cpu = t.cpu
				}
				out[e] = o
			}
		}
		p, ok1 := find(out[0], `top-event probability: (\S+)`)
		ps, ok2 := find(out[1], `<sum-of-products [^>]*probability="([^"]+)"`)
		agree := ok1 && ok2 && math.Abs(p-ps) <= *tol*math.Abs(ps)
		mark := ""
		if !agree {
			mark = "  MISMATCH"
			bad++
		}
		fmt.Printf("%-10s %9s %9s %9s %9s  %-20.12g %-12g%s\n", name, ms(best[0].wall), ms(best[0].cpu), ms(best[1].wall), ms(best[1].cpu), p, ps, mark)
		tOurs.wall += best[0].wall
		tOurs.cpu += best[0].cpu
		tScram.wall += best[1].wall
		tScram.cpu += best[1].cpu
		n++
	}
	fmt.Printf("%-10s %9s %9s %9s %9s  %d trees, %d disagreeing\n", "total", ms(tOurs.wall), ms(tOurs.cpu), ms(tScram.wall), ms(tScram.cpu), n, bad)
	if n > 0 {
		fmt.Printf("SCRAM/ours: wall %.2f×, cpu %.2f×\n", tScram.wall.Seconds()/tOurs.wall.Seconds(), tScram.cpu.Seconds()/tOurs.cpu.Seconds())
	}
	if bad > 0 {
		os.Exit(1)
	}
}

func run(argv []string) (timing, []byte, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return timing{}, out.Bytes(), err
	}
	st := cmd.ProcessState
	return timing{wall: wall, cpu: st.UserTime() + st.SystemTime()}, out.Bytes(), nil
}

func find(out []byte, pattern string) (float64, bool) {
	m := regexp.MustCompile(pattern).FindSubmatch(out)
	if m == nil {
		return math.NaN(), false
	}
	x, err := strconv.ParseFloat(string(m[1]), 64)
	return x, err == nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", d.Seconds()*1e3) }
