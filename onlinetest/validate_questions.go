package onlinetest

import (
	"fmt"

	"github.com/prakerja/prakerja"
)

// sections checks the sections: their count, ids, titles and draws.
func (c *checker) sections(b *Bank) {
	if len(b.Sections) == 0 || len(b.Sections) > SectionsMax {
		c.add("sections", prakerja.CodeBadValue, "must list 1 to %d sections, got %d", SectionsMax, len(b.Sections))
		return
	}
	count := map[string]int{}
	for _, q := range b.Questions {
		count[q.Section]++
	}
	seen := map[string]bool{}
	scored := false
	for i, s := range b.Sections {
		path := fmt.Sprintf("sections[%d]", i)
		c.id(path+".id", s.ID)
		if seen[s.ID] && s.ID != "" {
			c.add(path+".id", prakerja.CodeBadValue, "section %q is listed twice", s.ID)
		}
		seen[s.ID] = true
		c.text(path+".title", s.Title, TitleLengthMax)
		if s.Draw < 1 || s.Draw > count[s.ID] {
			c.add(path+".draw", prakerja.CodeBadValue,
				"must be 1 to the %d questions of the section, got %d", count[s.ID], s.Draw)
		}
		scored = scored || s.Scored
	}
	if !scored {
		c.add("sections", prakerja.CodeBadValue, "at least one section must be scored, or nobody could pass")
	}
}

// questions checks every question and its options.
func (c *checker) questions(b *Bank) {
	if len(b.Questions) == 0 || len(b.Questions) > QuestionsMax {
		c.add("questions", prakerja.CodeBadValue, "must list 1 to %d questions, got %d", QuestionsMax, len(b.Questions))
		return
	}
	seen := map[string]bool{}
	for i := range b.Questions {
		q := &b.Questions[i]
		path := fmt.Sprintf("questions[%d]", i)
		c.id(path+".id", q.ID)
		if seen[q.ID] && q.ID != "" {
			c.add(path+".id", prakerja.CodeBadValue, "question %q is listed twice", q.ID)
		}
		seen[q.ID] = true
		if b.section(q.Section) == nil {
			c.add(path+".section", prakerja.CodeBadValue, "no section has the id %q", q.Section)
		}
		if q.Passage != nil {
			c.text(path+".passage", *q.Passage, PassageLengthMax)
		}
		c.text(path+".text", q.Text, TextLengthMax)
		c.options(path, q)
	}
}

// options checks the options of q and that its answer key fits its kind.
func (c *checker) options(path string, q *Question) {
	if n := len(q.Options); n < OptionsMin || n > OptionsMax {
		c.add(path+".options", prakerja.CodeBadValue, "must list %d to %d options, got %d", OptionsMin, OptionsMax, n)
		return
	}
	correct := 0
	for j, o := range q.Options {
		op := fmt.Sprintf("%s.options[%d]", path, j)
		c.text(op+".text", o.Text, OptionTextLengthMax)
		if o.Correct {
			correct++
		}
		switch {
		case q.Kind == KindChoice && o.Points != nil:
			c.add(op+".points", prakerja.CodeBadValue, "a choice option has no points; mark the right one `correct: true`")
		case q.Kind == KindLikert && o.Correct:
			c.add(op+".correct", prakerja.CodeBadValue, "a likert option is never correct; give it points")
		case q.Kind == KindLikert && o.Points == nil:
			c.add(op, prakerja.CodeRequired, "a likert option needs `points`")
		case q.Kind == KindLikert && (*o.Points < 0 || *o.Points > LikertPointsMax):
			c.add(op+".points", prakerja.CodeBadValue, "must be 0 to %d, got %d", LikertPointsMax, *o.Points)
		}
	}
	switch {
	case q.Kind != KindChoice && q.Kind != KindLikert:
		c.add(path+".kind", prakerja.CodeBadValue, "must be %q or %q, got %q", KindChoice, KindLikert, q.Kind)
	case q.Kind == KindChoice && correct != 1:
		c.add(path+".options", prakerja.CodeBadValue, "a choice question needs exactly one `correct: true`, got %d", correct)
	case q.Kind == KindLikert && q.possible() == 0:
		c.add(path+".options", prakerja.CodeBadValue, "a likert question needs an option with points above 0")
	}
}
