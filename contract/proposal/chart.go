package proposal

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"slices"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// The chart's geometry, in SVG user units.
const (
	chartWidth, chartHeight         = 760, 400
	chartLeft, chartRight, chartTop = 70, 20, 50
	chartBottom                     = 70
	chartBins                       = 40
	chartPlotW                      = chartWidth - chartLeft - chartRight
	chartPlotH                      = chartHeight - chartTop - chartBottom
	chartFont                       = `font-family="sans-serif" font-size="12"`
)

// WriteSVG writes a histogram of the simulated monthly downtime (30-day
// months, Analysis.Monthly) with a dashed line at each credit tier's
// threshold: the downtime in a 30-day month at which the tier starts. Bars
// are the share of all months; months without downtime are counted in
// the caption, not drawn, and months beyond the axis are gathered in the
// last bar.
func (a *Analysis) WriteSVG(w io.Writer) error {
	bw := bufio.NewWriter(w)
	r := &mdWriter{w: bw}
	a.svg(r)
	if r.err != nil {
		return r.err
	}
	return bw.Flush()
}

type threshold struct {
	at    time.Duration
	label string
}

func (a *Analysis) thresholds() []threshold {
	var out []threshold
	for _, t := range a.Proposal.Offer.Credits.Tiers {
		lv := t.Upper.Level
		if lv.Num() >= lv.Den() || lv.Den() == 0 {
			continue // the tier starts at 100%: no downtime threshold
		}
		u, err := availability.FromUnavailability(float64(lv.Den()-lv.Num()) / float64(lv.Den()))
		if err != nil {
			continue
		}
		basis := a.MonthlyBasis
		if basis == 0 {
			basis = sla.Month30d.Length()
		}
		out = append(out, threshold{at: u.Downtime(basis), label: tierRange(t) + " → " + t.Credit.String()})
	}
	return out
}

func (a *Analysis) svg(r *mdWriter) {
	months := slices.Clone(a.Monthly)
	slices.Sort(months)
	ths := a.thresholds()
	// The axis reaches past the first threshold and the 99th percentile.
	var xmax time.Duration
	if len(ths) > 0 {
		xmax = ths[0].at * 3 / 2
	}
	if n := len(months); n > 0 {
		xmax = max(xmax, months[(n*99)/100])
	}
	xmax = max(niceCeil(xmax), time.Minute)
	zero := 0
	counts := make([]int, chartBins)
	for _, m := range months {
		if m <= 0 {
			zero++
			continue
		}
		b := min(int(int64(m)*chartBins/int64(xmax)), chartBins-1)
		counts[b]++
	}
	peak := 1
	for _, c := range counts {
		peak = max(peak, c)
	}
	n := max(len(months), 1)
	ymax := niceShare(float64(peak) / float64(n))

	r.f(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">`+"\n", chartWidth, chartHeight, chartWidth, chartHeight)
	r.f(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	title := "Monthly downtime of " + a.Proposal.Service
	r.f(`<text x="%d" y="22" font-family="sans-serif" font-size="15" font-weight="bold">%s</text>`+"\n", chartLeft, html.EscapeString(title))
	what := "simulated 30-day months"
	if v := a.Verdicts[0]; v.Windowed && a.MonthlyBasis != sla.Month30d.Length() {
		what = "simulated calendar months, downtime in the service window scaled to " + shortDur(a.MonthlyBasis) + " of service"
	}
	r.f(`<text x="%d" y="40" %s>%s</text>`+"\n", chartLeft, chartFont, html.EscapeString(fmt.Sprintf(
		"%d %s; %s had no downtime (not drawn)", len(months), what, prob(float64(zero)/float64(n)))))
	// Axes and grid.
	x0, y0 := chartLeft, chartTop+chartPlotH
	r.f(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", x0, y0, x0+chartPlotW, y0)
	r.f(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", x0, chartTop, x0, y0)
	for i := 0; i <= 4; i++ {
		y := float64(y0) - float64(i)*chartPlotH/4
		r.f(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", x0+1, y, x0+chartPlotW, y)
		r.f(`<text x="%d" y="%.1f" %s text-anchor="end">%s</text>`+"\n", x0-6, y+4, chartFont, shareLabel(ymax*float64(i)/4))
	}
	for i := 0; i <= 5; i++ {
		x := float64(x0) + float64(i)*chartPlotW/5
		r.f(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="black"/>`+"\n", x, y0, x, y0+5)
		r.f(`<text x="%.1f" y="%d" %s text-anchor="middle">%s</text>`+"\n", x, y0+19, chartFont, shortDur(xmax*time.Duration(i)/5))
	}
	r.f(`<text x="%d" y="%d" %s text-anchor="middle">downtime in the month (the last bar: %s or more)</text>`+"\n",
		x0+chartPlotW/2, y0+40, chartFont, shortDur(xmax*(chartBins-1)/chartBins))
	r.f(`<text transform="translate(16 %d) rotate(-90)" %s text-anchor="middle">share of months</text>`+"\n", chartTop+chartPlotH/2, chartFont)
	// Bars.
	bw := float64(chartPlotW) / chartBins
	for i, c := range counts {
		if c == 0 {
			continue
		}
		h := float64(c) / float64(n) / ymax * chartPlotH
		r.f(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#4a7ab5"/>`+"\n", float64(x0)+float64(i)*bw+0.5, float64(y0)-h, bw-1, h)
	}
	// Thresholds; those beyond the axis are listed in a note.
	colors := []string{"#e08000", "#c00000", "#700070", "#404040"}
	var beyond []string
	for i, t := range ths {
		label := html.EscapeString(fmt.Sprintf("%s (%s down)", t.label, shortDur(t.at)))
		if t.at > xmax {
			beyond = append(beyond, label)
			continue
		}
		x := float64(x0) + float64(t.at)/float64(xmax)*chartPlotW
		c := colors[min(i, len(colors)-1)]
		r.f(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`+"\n", x, chartTop, x, y0, c)
		tx, anchor := x+4, "start"
		if x > chartLeft+chartPlotW/2 {
			tx, anchor = x-4, "end"
		}
		// Labels step down the plot and wrap round after eight, so that
		// many tiers stay readable.
		r.f(`<text x="%.1f" y="%d" %s text-anchor="%s" fill="%s">%s</text>`+"\n", tx, chartTop+14+16*(i%8), chartFont, anchor, c, label)
	}
	if len(beyond) > 0 {
		r.f(`<text x="%d" y="%d" %s fill="#555">beyond the axis: `, x0, chartHeight-8, chartFont)
		for i, b := range beyond {
			if i > 0 {
				r.f("; ")
			}
			r.f("%s", b)
		}
		r.f("</text>\n")
	}
	r.f("</svg>\n")
}

// niceCeil rounds a duration up to 1, 2 or 5 times a power of ten of
// minutes (or of seconds below a minute), so that five ticks are round.
func niceCeil(d time.Duration) time.Duration {
	unit := time.Minute
	if d < 5*time.Minute {
		unit = time.Second
	}
	for m := unit; ; m *= 10 {
		for _, k := range []time.Duration{1, 2, 5} {
			if v := k * 5 * m; v >= d || v > 400*24*time.Hour {
				return v
			}
		}
	}
}

// niceShare rounds a share up to 1, 2, 2.5 or 5 times a power of ten.
func niceShare(x float64) float64 {
	for p := 1e-4; ; p *= 10 {
		for _, k := range []float64{1, 2, 2.5, 5} {
			if k*p >= x || p >= 1 {
				return min(k*p, 1)
			}
		}
	}
}

func shareLabel(x float64) string {
	return fmt.Sprintf("%.4g%%", 100*x)
}

// shortDur writes a rounded duration without zero trailing units: "1h40m",
// "5h", "43m12s", "0".
func shortDur(d time.Duration) string {
	s := roundDur(d).String()
	if s == "0s" {
		return "0"
	}
	if len(s) > 2 && s[len(s)-2:] == "0s" && (s[len(s)-3] < '0' || s[len(s)-3] > '9') {
		s = s[:len(s)-2]
	}
	if len(s) > 2 && s[len(s)-2:] == "0m" && (s[len(s)-3] < '0' || s[len(s)-3] > '9') {
		s = s[:len(s)-2]
	}
	return s
}
