package chart

import (
	"fmt"
	"html/template"
	"strings"
)

// Tile is one square of a tile-grid map (a cartogram): every region the
// same size, placed roughly where it lies. Short (a two- to four-letter
// abbreviation) and Value are printed in the tile; Name is its tooltip.
// Level picks the fill from Palette; NoData leaves the tile white.
type Tile struct {
	Col, Row int
	Short    string
	Name     string
	Value    string
	Level    int
	NoData   bool
}

// TileMap is a tile-grid map with a legend. Legend[i] names Palette level
// i (e.g. "40–59 %"); NoData names a white tile.
type TileMap struct {
	ID     string
	Title  string
	Desc   string
	Tiles  []Tile
	Legend []string
	NoData string
}

// Palette is a five-step sequential blue scale. Each level's text colour
// keeps at least 4.5:1 contrast on it: dark ink on the light three, white
// on the dark two. Order (lighter = lower) is repeated by the legend's
// words, so no meaning rests on colour alone.
var Palette = [5]struct{ Fill, Ink string }{
	{"#eff3ff", colourInk}, {"#bdd7e7", colourInk}, {"#6baed6", colourInk},
	{"#2171b5", "#ffffff"}, {"#08306b", "#ffffff"},
}

// Tile map geometry: 64-unit tiles; the SVG keeps a minimum width (its
// width attribute) and the page scrolls it sideways on a narrow phone
// rather than shrinking the numbers out of sight.
const (
	tileSize   = 64
	tileGap    = 4
	tilePad    = 8
	tileFont   = 15
	legendRow  = 26
	legendFont = 14
	gridMax    = 40 // columns or rows
)

// SVG draws the map. It returns ErrBadID, ErrTooMany, or an error for a
// tile outside the grid or a level outside the palette or legend.
func (m TileMap) SVG() (template.HTML, error) {
	if err := checkID(m.ID); err != nil {
		return "", err
	}
	if len(m.Tiles) > TilesMax {
		return "", fmt.Errorf("%w: %d tiles, at most %d", ErrTooMany, len(m.Tiles), TilesMax)
	}
	if len(m.Legend) > len(Palette) {
		return "", fmt.Errorf("%w: %d legend entries, palette has %d", ErrTooMany, len(m.Legend), len(Palette))
	}
	cols, rows := 1, 1
	for _, t := range m.Tiles {
		if t.Col < 0 || t.Row < 0 || t.Col >= gridMax || t.Row >= gridMax {
			return "", fmt.Errorf("chart: tile %q at (%d,%d) outside the grid", t.Short, t.Col, t.Row)
		}
		if !t.NoData && (t.Level < 0 || t.Level >= len(m.Legend)) {
			return "", fmt.Errorf("chart: tile %q level %d outside the legend", t.Short, t.Level)
		}
		cols, rows = max(cols, t.Col+1), max(rows, t.Row+1)
	}
	step := tileSize + tileGap
	w := max(cols*step+2*tilePad, 320)
	mapH := rows*step + tilePad
	h := mapH + (len(m.Legend)+1)*legendRow + tilePad
	var b strings.Builder
	open(&b, "chart map", m.ID, m.Title, m.Desc, w, h)
	for _, t := range m.Tiles {
		x, y := tilePad+t.Col*step, tilePad+t.Row*step
		fill, ink, stroke := "#ffffff", colourInk, "#767676"
		if !t.NoData {
			fill, ink = Palette[t.Level].Fill, Palette[t.Level].Ink
		}
		fmt.Fprintf(&b, `<g><title>%s: %s</title><rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="%s" stroke="%s"/>`,
			esc(t.Name), esc(t.Value), x, y, tileSize, tileSize, fill, stroke)
		text(&b, float64(x)+tileSize/2, float64(y)+26, tileFont, "middle", "700", ink, t.Short)
		text(&b, float64(x)+tileSize/2, float64(y)+48, tileFont-1, "middle", "", ink, t.Value)
		b.WriteString(`</g>`)
	}
	m.legend(&b, mapH)
	return done(&b), nil
}

// legend draws one swatch and its words per level, then the no-data tile.
func (m TileMap) legend(b *strings.Builder, top int) {
	swatch := func(i int, fill, label string) {
		y := top + i*legendRow
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="18" height="18" fill="%s" stroke="#767676"/>`, tilePad, y+4, fill)
		text(b, tilePad+26, float64(y)+18, legendFont, "start", "", "", label)
	}
	for i, label := range m.Legend {
		swatch(i, Palette[i].Fill, label)
	}
	swatch(len(m.Legend), "#ffffff", m.NoData)
}
