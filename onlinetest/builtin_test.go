package onlinetest

import "testing"

func TestBuiltin(t *testing.T) {
	t.Parallel()
	b := Builtin()
	count := map[string]int{}
	for _, q := range b.Questions {
		count[q.Section]++
	}
	if len(b.Questions) != 30 || count["numerasi"] != 12 || count["membaca"] != 9 || count["motivasi"] != 9 {
		t.Errorf("questions = %d %v, want 30: 12 numerasi, 9 membaca, 9 motivasi", len(b.Questions), count)
	}
	if b.Rules.QuestionsPerAttempt != 20 || b.Rules.PassPercent != 60 || b.Rules.AttemptsMax != 3 {
		t.Errorf("rules = %+v", b.Rules)
	}
}
