package jsonpath

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Nearest returns the candidate nearest to s by edit distance, ignoring
// case, the first of equals, and whether it is near enough to suggest: at
// most a third of the longer name's length apart, and at least one.
//
// Its cost is bounded whatever s is: only the first maxCompared bytes of s
// are compared, and candidates whose length alone puts them further than
// the best so far are skipped.
func Nearest(s string, candidates []string) (string, bool) {
	best, bestD := "", -1
	ls := strings.ToLower(s[:min(len(s), maxCompared)])
	for _, c := range candidates {
		if bestD >= 0 && abs(len(ls)-len(c)) >= bestD {
			continue
		}
		if d := distance(ls, strings.ToLower(c)); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD >= 0 && len(s) <= maxCompared && bestD <= max(1, max(len(s), len(best))/3)
}

// maxCompared bounds the bytes of a name that Nearest compares; keys and
// zone names are far shorter.
const maxCompared = 64

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// distance is the Levenshtein distance between a and b in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var zones = sync.OnceValue(func() []string {
	set := map[string]bool{"UTC": true} // time.LoadLocation knows UTC without any database
	for _, dir := range []string{os.Getenv("ZONEINFO"), "/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ"} {
		if fi, err := os.Stat(dir); dir == "" || err != nil || !fi.IsDir() {
			continue
		}
		_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !e.Type().IsRegular() {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			if name := filepath.ToSlash(rel); tzName(name) && tzFile(p) {
				set[name] = true
			}
			return nil
		})
	}
	// The zip the time package reads when the system has no zoneinfo:
	// $ZONEINFO, or Go's own under $GOROOT.
	for _, zipPath := range []string{os.Getenv("ZONEINFO"), filepath.Join(os.Getenv("GOROOT"), "lib", "time", "zoneinfo.zip")} {
		if zipPath == "" || !strings.HasSuffix(zipPath, ".zip") {
			continue
		}
		if zr, err := zip.OpenReader(zipPath); err == nil {
			for _, f := range zr.File {
				if tzName(f.Name) {
					set[f.Name] = true
				}
			}
			zr.Close()
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
})

// tzName keeps the names users write: "Europe/Amsterdam", "UTC", not
// "posix/…", "right/…" or the database's own files.
func tzName(n string) bool {
	if strings.HasPrefix(n, "posix/") || strings.HasPrefix(n, "right/") || strings.HasPrefix(n, "Etc/") && strings.Count(n, "/") > 1 {
		return false
	}
	base := n[strings.LastIndexByte(n, '/')+1:]
	return base != "" && base[0] >= 'A' && base[0] <= 'Z' && !strings.Contains(n, ".")
}

func tzFile(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := f.Read(head)
	return n == 4 && bytes.Equal(head, []byte("TZif"))
}

// Zones returns the IANA time zone names available to the Go runtime on
// this machine, sorted: the system's zoneinfo and Go's own copy.
func Zones() []string { return slices.Clone(zones()) }

// NearestZone returns the known time zone nearest to name, if one is near
// enough to suggest.
func NearestZone(name string) (string, bool) { return Nearest(name, zones()) }
