package chart

import (
	"fmt"
	"html/template"
	"strings"
)

// Bar is one column: its value, its label (the tooltip, and the axis text
// when Tick is set; a chart of 48 hours labels every sixth).
type Bar struct {
	Label string
	Value int64
	Tick  bool
}

// Bars is a column chart, e.g. registrations per hour.
type Bars struct {
	ID    string // element id prefix, [a-z0-9-]
	Title string
	Desc  string // one sentence saying what the bars count, and the peak
	Sep   string // thousands separator of the page's language
	Empty string // shown instead of bars when there are none
	Bars  []Bar
}

// Column chart geometry, in viewBox units. 480 wide keeps 14-unit text
// legible at 360 px (about 10 px) and comfortable on a laptop.
const (
	barsW, barsH  = 480, 260
	barsTop       = 16
	barsBottom    = 44 // tick labels
	barsFont      = 14
	barsDigitW    = 8.5 // average advance of one digit at barsFont
	barsGapFactor = 0.2
)

// SVG draws the chart. It returns ErrBadID, ErrNegative or ErrTooMany.
func (c Bars) SVG() (template.HTML, error) {
	top, err := checkBars(c.ID, c.Bars, func(b Bar) (string, int64) { return b.Label, b.Value })
	if err != nil {
		return "", err
	}
	var b strings.Builder
	open(&b, "chart", c.ID, c.Title, c.Desc, barsW, barsH)
	if len(c.Bars) == 0 {
		text(&b, barsW/2, barsH/2, barsFont+2, "middle", "", "", c.Empty)
		return done(&b), nil
	}
	ticks := niceTicks(top)
	ymax := ticks[len(ticks)-1]
	left := float64(len(tickLabel(ymax, c.Sep)))*barsDigitW + 12
	plotW, plotH := barsW-left-8, float64(barsH-barsTop-barsBottom)
	y := func(v float64) float64 { return barsTop + plotH - v/ymax*plotH }
	for _, t := range ticks {
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%d" y2="%s" stroke="%s" stroke-width="1"/>`,
			num(left), num(y(t)), barsW-8, num(y(t)), colourGrid)
		text(&b, left-6, y(t)+5, barsFont, "end", "", "", tickLabel(t, c.Sep))
	}
	slot := plotW / float64(len(c.Bars))
	w := max(slot*(1-barsGapFactor), 1)
	for i, bar := range c.Bars {
		x := left + float64(i)*slot + (slot-w)/2
		h := float64(bar.Value) / ymax * plotH
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s: %s</title></rect>`,
			num(x), num(y(float64(bar.Value))), num(w), num(h), colourBar, esc(bar.Label), esc(Group(bar.Value, c.Sep)))
		if bar.Tick {
			fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`,
				num(x+w/2), num(barsTop+plotH), num(x+w/2), num(barsTop+plotH+5), colourInk)
			text(&b, x+w/2, barsTop+plotH+22, barsFont, "middle", "", "", bar.Label)
		}
	}
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%d" y2="%s" stroke="%s" stroke-width="1.5"/>`,
		num(left), num(barsTop+plotH), barsW-8, num(barsTop+plotH), colourInk)
	return done(&b), nil
}
