package population

import "time"

// Role is a member's place on the family card.
type Role string

// Roles.
const (
	RoleHead   Role = "head"   // Kepala Keluarga
	RoleSpouse Role = "spouse" // Istri or Suami
	RoleChild  Role = "child"  // Anak, of any age
)

// PersonID addresses a person: family*MaxMembers + member. IDs are sparse
// (a family of three leaves three slots empty) and stable: the same seed
// and Options always give the same person for the same ID.
type PersonID int64

// NewPersonID returns the ID of member m of family f.
func NewPersonID(family, member int) PersonID {
	return PersonID(family)*MaxMembers + PersonID(member)
}

// Family returns the family index of id.
func (id PersonID) Family() int { return int(id / MaxMembers) }

// Member returns the member number of id within its family.
func (id PersonID) Member() int { return int(id % MaxMembers) }

// Person is one synthetic resident, with the data a registration carries
// and the facts a population registry would hold about them.
type Person struct {
	ID          PersonID
	FamilyIndex int
	Member      int // 0 head, 1 spouse if any, then children eldest first
	Role        Role
	FullName    string
	NIK         string
	KK          string    // shared by the whole family
	BirthDate   time.Time // UTC midnight
	Age         int       // whole years on the reference date
	Sex         string    // "M" or "F"
	Email       string    // unique, ASCII, lower case
	Phone       string    // unique, E.164: +628…
	// DomicileDistrict is where the family lives now: a current dotted
	// district code, the same for every member.
	DomicileDistrict string
	// BirthDistrict is the dotted district code in the NIK: where it was
	// issued. It may be a retired Papuan code (see RetiredCode).
	BirthDistrict string
	Origin        Origin
	// RetiredCode is true when BirthDistrict is a 91.xx/92.xx code
	// withdrawn by the Papuan splits: an old NIK that must still pass.
	RetiredCode bool
	// Registrant is true for members aged MinRegistrantAge to
	// MaxRegistrantAge: the ones Attempts registers.
	Registrant bool
	// Citizen is false for the few residents who are foreign nationals
	// (Kewarganegaraan WNA on the KTP): they hold a NIK but no scheme
	// admits them.
	Citizen bool
	// Occupation is the Pekerjaan field of the KTP as Dukcapil writes it,
	// upper case, e.g. "PELAJAR/MAHASISWA" or "KARYAWAN SWASTA".
	Occupation string
}

// Family is the people on one family card (Kartu Keluarga).
type Family struct {
	Index    int
	KK       string
	KKDate   time.Time // registration date in the KK number
	District string    // domicile, current dotted district code
	Members  []Person
}
