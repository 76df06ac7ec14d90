package chart

import (
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"
)

// HBar is one row of a horizontal bar chart: a label, its value, and a
// note printed after the value (for a funnel, the share of the stage
// before).
type HBar struct {
	Label string
	Value int64
	Note  string
}

// HBars is a horizontal bar chart, read top to bottom: a funnel. Each row
// prints its label, value and note as text above its bar, so the bar
// length only repeats what the words say.
type HBars struct {
	ID    string
	Title string
	Desc  string
	Sep   string
	Empty string
	Bars  []HBar
}

// Horizontal bar geometry. 480 wide: 16-unit text is about 12 px on a
// 360 px phone. A row is its text, wrapped at word boundaries to the
// width (an average glyph is about 0.55 em), then its bar.
const (
	hbarsW     = 480
	hbarsLine  = 21 // one line of text
	hbarsBar   = 16
	hbarsGap   = 14 // below a bar
	hbarsFont  = 16
	hbarsPad   = 8
	hbarsGlyph = 8.8
)

// SVG draws the chart. It returns ErrBadID, ErrNegative or ErrTooMany.
func (c HBars) SVG() (template.HTML, error) {
	top, err := checkBars(c.ID, c.Bars, func(b HBar) (string, int64) { return b.Label, b.Value })
	if err != nil {
		return "", err
	}
	full := float64(hbarsW - 2*hbarsPad)
	lines := make([][]string, len(c.Bars))
	h := hbarsPad
	for i, bar := range c.Bars {
		line := bar.Label + ": " + Group(bar.Value, c.Sep)
		if bar.Note != "" {
			line += " (" + bar.Note + ")"
		}
		lines[i] = wrap(line, int(full/hbarsGlyph))
		h += len(lines[i])*hbarsLine + 6 + hbarsBar + hbarsGap
	}
	h = max(h, 3*hbarsLine)
	var b strings.Builder
	open(&b, "chart", c.ID, c.Title, c.Desc, hbarsW, h)
	if len(c.Bars) == 0 {
		text(&b, hbarsW/2, float64(h)/2, hbarsFont, "middle", "", "", c.Empty)
		return done(&b), nil
	}
	y := float64(hbarsPad)
	for i, bar := range c.Bars {
		for _, l := range lines[i] {
			y += hbarsLine
			text(&b, hbarsPad, y-5, hbarsFont, "start", "", "", l)
		}
		w := 0.0
		if top > 0 {
			w = float64(bar.Value) / float64(top) * full
		}
		// A thin outline shows the full scale, so a zero is visibly empty.
		fmt.Fprintf(&b, `<rect x="%d" y="%s" width="%s" height="%d" fill="none" stroke="%s"/>`,
			hbarsPad, num(y+1), num(full), hbarsBar, colourGrid)
		fmt.Fprintf(&b, `<rect x="%d" y="%s" width="%s" height="%d" fill="%s"/>`,
			hbarsPad, num(y+1), num(w), hbarsBar, colourBar)
		y += 6 + hbarsBar + hbarsGap
	}
	return done(&b), nil
}

// wrap splits s into lines of at most width runes at spaces; a word longer
// than width gets a line of its own.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}
