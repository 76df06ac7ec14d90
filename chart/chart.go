// Package chart draws the operator dashboards' charts as inline SVG, in
// pure Go, so a page needs no script and no image request (the pages'
// Content-Security-Policy allows neither). Every chart scales with its
// viewBox, names itself with <title> and <desc> (role="img"), prints its
// numbers as text, and uses colour only together with a label or value;
// the page puts the same numbers in a table next to it for screen readers.
//
// Output is template.HTML built from escaped text only: every label passes
// through html.EscapeString, every number is formatted here.
package chart

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Limits on what one chart draws: more bars or tiles than this are no
// longer readable, and the page would grow past what a slow link carries.
const (
	BarsMax  = 1000
	TilesMax = 200
	IDMax    = 40 // bytes of an element id prefix
)

// Colours, chosen for contrast on white (WCAG AA for text and graphics).
const (
	colourInk  = "#1a1a1a" // text and axes
	colourBar  = "#0b4f9c" // bars: 8.6:1 on white
	colourGrid = "#bbbbbb" // grid lines (decoration)
	fontFamily = "system-ui,sans-serif"
)

// Errors a chart refuses to draw with.
var (
	ErrNegative = errors.New("chart: negative value")
	ErrTooMany  = errors.New("chart: too many items")
	ErrBadID    = errors.New("chart: id must be 1 to 40 bytes of [a-z0-9-]")
)

// checkID accepts an element id prefix of lowercase letters, digits and
// hyphens: it is written into attributes unescaped by any template.
func checkID(id string) error {
	if id == "" || len(id) > IDMax {
		return ErrBadID
	}
	for _, c := range id {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return ErrBadID
		}
	}
	return nil
}

// esc escapes text for an SVG text node or attribute.
func esc(s string) string { return html.EscapeString(s) }

// Group writes n with sep between groups of three digits: Group(1234567,
// ".") is "1.234.567" (Indonesian), with "," English.
func Group(n int64, sep string) string {
	return groupDigits(strconv.FormatInt(n, 10), sep)
}

// groupDigits groups a string of digits with an optional leading minus.
func groupDigits(s, sep string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// niceTicks returns the axis ticks from 0 up to at least top: four or five
// steps of 1, 2 or 5 times a power of ten. Ticks are float64 because the
// top tick of a value near math.MaxInt64 does not fit an int64; round
// numbers up to 10^22 are exact in a float64.
func niceTicks(top int64) []float64 {
	if top <= 0 {
		return []float64{0, 1}
	}
	raw := float64(top) / 4
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := p
	for _, m := range []float64{1, 2, 5, 10} {
		if step = m * p; step >= raw {
			break
		}
	}
	step = max(step, 1) // counts and rupiah are whole: no fractional ticks
	var ticks []float64
	for v := 0.0; ; v += step {
		ticks = append(ticks, v)
		if v >= float64(top) {
			return ticks
		}
	}
}

// tickLabel formats an axis tick (a whole number) with sep.
func tickLabel(v float64, sep string) string {
	return groupDigits(strconv.FormatFloat(v, 'f', 0, 64), sep)
}

// num formats a coordinate with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// open starts an accessible SVG: role img, named by its title and
// described by its desc. It is drawn at its viewBox size in CSS pixels;
// the page's stylesheet lets class "chart" shrink to a narrow screen
// (max-width: 100%) and keeps class "map" at full size inside a sideways
// scroller, since its tiles' numbers would shrink out of sight.
func open(b *strings.Builder, class, id, title, desc string, w, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="%s" role="img" viewBox="0 0 %d %d" width="%d" height="%d" `+
		`preserveAspectRatio="xMinYMin meet" aria-labelledby="%s-title" aria-describedby="%s-desc" font-family="%s" fill="%s">`,
		class, w, h, w, h, id, id, fontFamily, colourInk)
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(title), id, esc(desc))
}

// text writes one text element; anchor is start, middle or end.
func text(b *strings.Builder, x, y float64, size int, anchor, weight, fill, s string) {
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%d" text-anchor="%s"`, num(x), num(y), size, anchor)
	if weight != "" {
		fmt.Fprintf(b, ` font-weight="%s"`, weight)
	}
	if fill != "" {
		fmt.Fprintf(b, ` fill="%s"`, fill)
	}
	fmt.Fprintf(b, `>%s</text>`, esc(s))
}

// done closes the SVG and hands it to templates as trusted HTML: every
// piece of text in it went through esc, every number through strconv.
func done(b *strings.Builder) template.HTML {
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) //nolint:gosec // built from escaped text only
}

// checkBars checks a bar chart's id and bars and returns its largest
// value. It returns ErrBadID, ErrNegative or ErrTooMany.
func checkBars[T any](id string, bars []T, value func(T) (string, int64)) (int64, error) {
	if err := checkID(id); err != nil {
		return 0, err
	}
	if len(bars) > BarsMax {
		return 0, fmt.Errorf("%w: %d bars, at most %d", ErrTooMany, len(bars), BarsMax)
	}
	var top int64
	for _, bar := range bars {
		label, v := value(bar)
		if v < 0 {
			return 0, fmt.Errorf("%w: %q is %d", ErrNegative, label, v)
		}
		top = max(top, v)
	}
	return top, nil
}
