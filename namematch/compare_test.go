package namematch

import (
	"strings"
	"testing"
)

// compareCase is one registered name, one holder name and the decision.
type compareCase struct {
	name             string
	registered, held string
	match            bool
	reason           string // "" when match
}

func runCompareCases(t *testing.T, cases []compareCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, args := range [][2]string{{tc.registered, tc.held}, {tc.held, tc.registered}} {
				got := Compare(args[0], args[1])
				if got.Match != tc.match || got.Reason != tc.reason {
					t.Errorf("Compare(%q, %q) = %+v, want match %v reason %q",
						args[0], args[1], got, tc.match, tc.reason)
				}
				if got.Score < 0 || got.Score > 100 {
					t.Errorf("Compare(%q, %q).Score = %d, want 0..100", args[0], args[1], got.Score)
				}
			}
		})
	}
}

func TestCompare_Spelling(t *testing.T) {
	t.Parallel()
	runCompareCases(t, []compareCase{
		{"OKSame", "BUDI SANTOSO", "BUDI SANTOSO", true, ""},
		{"OKCase", "BUDI SANTOSO", "budi santoso", true, ""},
		{"OKPunctuationSpaces", "SITI AMINAH", "  siti,   aminah. ", true, ""},
		{"OKDiacritics", "ZULKARNAEN HASIBUAN", "Zulkarnaén Hasibuan", true, ""},
		{"OKApostrophe", "NURAINI RAHMAWATI", "NUR'AINI RAHMAWATI", true, ""},
		{"OKHyphen", "JONI BUTARBUTAR", "JONI BUTAR-BUTAR", true, ""},
		{"OKOeU", "SOEKARNO HADI", "SUKARNO HADI", true, ""},
		{"OKDjJ", "DJOKO SUSILO", "JOKO SUSILO", true, ""},
		{"OKTjC", "TJAHJO KUMOLO", "CAHYO KUMOLO", true, ""},
		{"OKOldSpellingWhole", "SOEDJONO DJOJOHADIKOESOEMO", "SUJONO JOYOHADIKUSUMO", true, ""},
		{"OKJY", "JUSUF KALLA", "YUSUF KALLA", true, ""},
		{"OKJokoYokoIsOldSpelling", "JOKO SUSANTO", "YOKO SUSANTO", true, ""},
		{"OKChKh", "CHAIRUL TANJUNG", "KHAIRUL TANJUNG", true, ""},
		{"OKChC", "CHANDRA KIRANA", "CANDRA KIRANA", true, ""},
		{"OKDoubleLetters", "MUHAMMAD ABDULLAH", "MUHAMAD ABDULAH", true, ""},
		{"OKFinalY", "RIZKY PRATAMA", "RIZKI PRATAMA", true, ""},
		{"OKDhD", "RAMADHAN SIREGAR", "RAMADAN SIREGAR", true, ""},
		{"OKQK", "TAUFIQ HIDAYAT", "TAUFIK HIDAYAT", true, ""},
		{"OKFinalAh", "FATIMAH AZZAHRA", "FATIMA AZZAHRA", true, ""},
		{"OKMuhAbbrev", "MUHAMMAD IQBAL", "MUH IQBAL", true, ""},
		{"OKMochAbbrev", "MUHAMMAD IQBAL", "MOCH. IQBAL", true, ""},
		{"OKMochamadAbbrev", "MOCHAMAD IQBAL", "MOHAMMAD IQBAL", true, ""},
		{"OKAchmad", "ACHMAD DAHLAN", "AHMAD DAHLAN", true, ""},
		{"OKSwap", "NURHALIZA SITI", "SITI NURHALIZA", true, ""},
		{"OKSwapThree", "HASIBUAN ANDI PRATAMA", "ANDI PRATAMA HASIBUAN", true, ""},
		{"OKRepeatedSingleName", "SUPARMAN", "SUPARMAN SUPARMAN", true, ""},
		{"ErrVowelIsAnotherName", "PUTRA WIJAYA", "PUTRI WIJAYA", false, ReasonMismatch},
		{"ErrRizkiRizka", "RIZKI AMALIA", "RIZKA AMALIA", false, ReasonMismatch},
	})
}

func TestCompare_Titles(t *testing.T) {
	t.Parallel()
	runCompareCases(t, []compareCase{
		{"OKDottedDegrees", "JOKO WIDODO", "IR. JOKO WIDODO, S.T., M.M.", true, ""},
		{"OKUndottedDegrees", "JOKO WIDODO", "IR JOKO WIDODO ST MM", true, ""},
		{"OKSKom", "ANDI PRATAMA", "ANDI PRATAMA, S.Kom", true, ""},
		{"OKSE", "DEWI LESTARI", "DEWI LESTARI S.E.", true, ""},
		{"OKSPd", "RINA MARLINA", "RINA MARLINA, S.Pd.", true, ""},
		{"OKAMd", "YULIANA SARI", "YULIANA SARI, A.Md.", true, ""},
		{"OKDrsMSi", "BAMBANG SUTRISNO", "DRS. BAMBANG SUTRISNO, M.SI", true, ""},
		{"OKProfDr", "EMIL SALIM", "PROF. DR. EMIL SALIM", true, ""},
		{"OKHj", "SITI KHODIJAH", "HJ. SITI KHODIJAH", true, ""},
		{"OKHajiWord", "AHMAD SUBARJO", "HAJI AHMAD SUBARJO", true, ""},
		{"OKHInitialAsExtra", "AHMAD SUBARJO", "H. AHMAD SUBARJO", true, ""},
		{"OKHajiBeforeOneName", "ENCEP", "H. ENCEP, S.E.", true, ""},
		{"PartialHWithoutDot", "ENCEP", "H ENCEP", false, ReasonPartial},
		{"PartialHAfterName", "ENCEP", "ENCEP H.", false, ReasonPartial},
		{"OKKH", "ABDURRAHMAN WAHID", "KH ABDURRAHMAN WAHID", true, ""},
		{"OKNyIbu", "SRI WAHYUNI", "NY. SRI WAHYUNI", true, ""},
		{"OKBpk", "SLAMET RIYADI", "BPK SLAMET RIYADI", true, ""},
		{"OKSdri", "INDAH PERMATA", "SDRI INDAH PERMATA", true, ""},
		{"OKRaden", "AJENG KARTIKA", "RADEN AJENG KARTIKA", true, ""},
		{"OKTeuku", "UMAR JOHAN", "TEUKU UMAR JOHAN", true, ""},
		{"OKTitleGlued", "JOKO SANTOSO", "IR.JOKO SANTOSO", true, ""},
		{"ErrOnlyTitles", "DRS. H. S.E.", "DRS. S.E.", false, ReasonMismatch},
		{"PartialTAloneIsInitial", "T. ANWAR", "TEUKU ANWAR", false, ReasonPartial},
	})
}

func TestCompare_InitialsTruncationPartial(t *testing.T) {
	t.Parallel()
	long := "SITI NURHALIZA BINTI AHMAD SYAHRIR"
	runCompareCases(t, []compareCase{
		{"OKMInitial", "MUHAMMAD RIZKI", "M. RIZKI", true, ""},
		{"OKMInitialGlued", "MUHAMMAD RIZKI", "M.RIZKI", true, ""},
		{"OKSurnameInitial", "ANDI SAPUTRA", "ANDI S", true, ""},
		{"OKInitialOldSpelling", "TJAHJO KUMOLO", "C. KUMOLO", true, ""},
		{"ErrInitialDisagrees", "ANDI SAPUTRA", "ANDI B", false, ReasonMismatch},
		{"ErrInitialsDisagree", "ANDI S", "ANDI B", false, ReasonMismatch},
		{"PartialInitialsOnly", "ANDI BUDIMAN", "A. B.", false, ReasonPartial},
		{"PartialCommonAndInitial", "MUHAMMAD ALI", "MUHAMMAD A", false, ReasonPartial},
		{"OKSingleName", "SUPARMAN", "SUPARMAN", true, ""},
		{"OKSingleNameTitle", "SUPARMAN", "BPK. SUPARMAN", true, ""},
		{"PartialSingleNameTypo", "SUPARMAN", "SUPARMIN", false, ReasonPartial},
		{"PartialSingleAgainstTwo", "SUPARMAN", "SUPARMAN HADI", false, ReasonPartial},
		{"OKTruncatedInsideWord", long, "SITI NURHALIZA BINTI AHMAD SY", true, ""},
		{"OKTruncatedAtConnector", long, "SITI NURHALIZA BIN", true, ""},
		{"OKTruncatedInitial", long, "SITI NURHALIZA BINTI A", true, ""},
		{"OKPatronymicOmitted", long, "SITI NURHALIZA", true, ""},
		{"OKMiddleNameOmitted", "DIAN PURNAMA SARI", "DIAN SARI", true, ""},
		{"OKBinOmitted", "AHMAD FAUZI BIN YUSUF", "AHMAD FAUZI YUSUF", true, ""},
		{"OKShortInitialIsNotACut", "NUR AINI SYAHRIR", "NUR AINI S", true, ""},
		{"PartialUnderHalf", "RATNA DEWI PUSPITA SARI NINGRUM", "RATNA NINGRUM", false, ReasonPartial},
		{"PartialCommonOnly", "SITI NURHALIZA", "SITI", false, ReasonPartial},
		{"ErrCutUnder16IsAnotherWord", "BUDI SANTOSO WIBOWO", "BUDI SANTOSO WI", false, ReasonMismatch},
	})
}

func TestCompare_Typos(t *testing.T) {
	t.Parallel()
	runCompareCases(t, []compareCase{
		{"OKTypoLongToken", "KURNIAWAN SAPUTRA", "KURNIWAN SAPUTRA", true, ""},
		{"OKSwapLongToken", "HERMAWAN SETIADI", "HERMAWAN SETAIDI", true, ""},
		{"OKTwoTyposVeryLong", "WAHYU PRASETYANINGRUM", "WAHYU PRASETIANINGRUN", true, ""},
		{"ErrTypoShortToken", "ADI SAPUTRA", "ADE SAPUTRA", false, ReasonMismatch},
		{"ErrTypoThreeLetters", "EKO PRASETYO", "EKA PRASETYO", false, ReasonMismatch},
		{"ErrFirstLetter", "HARTONO WIBOWO", "SARTONO WIBOWO", false, ReasonMismatch},
		{"PartialTypoBesideCommonOnly", "MUHAMMAD KURNIAWAN", "MUHAMMAD KURNIWAN", false, ReasonPartial},
	})
}

func TestCompare_DifferentPeople(t *testing.T) {
	t.Parallel()
	runCompareCases(t, []compareCase{
		{"ErrGivenName", "ANDI SAPUTRA", "BUDI SAPUTRA", false, ReasonMismatch},
		{"ErrSecondName", "MUHAMMAD RIZKI", "MUHAMMAD FAUZI", false, ReasonMismatch},
		{"ErrSurname", "SITI AMINAH", "SITI RAHAYU", false, ReasonMismatch},
		{"ErrNothingShared", "BAMBANG PAMUNGKAS", "DEWI SARTIKA", false, ReasonMismatch},
		{"ErrSingleNames", "SUPARMAN", "SUGIYONO", false, ReasonMismatch},
		{"ErrEmptyHolder", "BUDI SANTOSO", "", false, ReasonMismatch},
		{"ErrEmptyBoth", "", "", false, ReasonMismatch},
		{"ErrBlankHolder", "BUDI SANTOSO", " ., ", false, ReasonMismatch},
		{"ErrTooLong", strings.Repeat("BUDI ", 41), strings.Repeat("BUDI ", 41), false, ReasonMismatch},
		{"OKAtNameMax", strings.Repeat("BUDI ", 40), strings.Repeat("BUDI ", 40), true, ""},
		{"ErrInvalidUTF8", "BUDI \xff SANTOSO", "BUDI \xff SANTOSO", false, ReasonMismatch},
		{"ErrBalinese", "I WAYAN SUDARSANA", "I WAYAN SUKARSA", false, ReasonMismatch},
		{"OKBalinese", "I WAYAN SUDARSANA", "WAYAN SUDARSANA", true, ""},
	})
}
