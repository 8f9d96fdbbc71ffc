package event

// Type describes one SPEC §3 event type.
type Type struct {
	Code         string // snake_case code used in output
	ACLEDType    string // ACLED event type, "" for raqib's own types without one
	ACLEDSubType string
	Disorder     string // ACLED disorder type
}

// Types lists every SPEC §3 event type in a stable order.
var Types = []Type{
	{"armed_clash", "Battles", "Armed clash", "Political violence"},
	{"government_regains_territory", "Battles", "Government regains territory", "Political violence"},
	{"non_state_actor_overtakes_territory", "Battles", "Non-state actor overtakes territory", "Political violence"},
	{"air_drone_strike", "Explosions/Remote violence", "Air/drone strike", "Political violence"},
	{"shelling_artillery_missile_attack", "Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"},
	{"remote_explosive_landmine_ied", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence"},
	{"suicide_bomb", "Explosions/Remote violence", "Suicide bomb", "Political violence"},
	{"grenade", "Explosions/Remote violence", "Grenade", "Political violence"},
	{"chemical_weapon", "Explosions/Remote violence", "Chemical weapon", "Political violence"},
	{"attack", "Violence against civilians", "Attack", "Political violence"},
	{"abduction_forced_disappearance", "Violence against civilians", "Abduction/forced disappearance", "Political violence"},
	{"sexual_violence", "Violence against civilians", "Sexual violence", "Political violence"},
	{"peaceful_protest", "Protests", "Peaceful protest", "Demonstrations"},
	{"protest_with_intervention", "Protests", "Protest with intervention", "Demonstrations"},
	{"excessive_force_against_protesters", "Protests", "Excessive force against protesters", "Political violence; Demonstrations"},
	{"violent_demonstration", "Riots", "Violent demonstration", "Demonstrations"},
	{"mob_violence", "Riots", "Mob violence", "Political violence"},
	{"agreement", "Strategic developments", "Agreement", "Strategic developments"},
	{"arrests", "Strategic developments", "Arrests", "Strategic developments"},
	{"change_to_group_activity", "Strategic developments", "Change to group/activity", "Strategic developments"},
	{"disrupted_weapons_use", "Strategic developments", "Disrupted weapons use", "Strategic developments"},
	{"headquarters_or_base_established", "Strategic developments", "Headquarters or base established", "Strategic developments"},
	{"looting_property_destruction", "Strategic developments", "Looting/property destruction", "Strategic developments"},
	{"non_violent_transfer_of_territory", "Strategic developments", "Non-violent transfer of territory", "Strategic developments"},
	{"other", "Strategic developments", "Other", "Strategic developments"},
	{"ceasefire", "Strategic developments", "Agreement", "Strategic developments"},
	{"consult", "", "", ""},
}

var typeByCode = func() map[string]Type {
	m := make(map[string]Type, len(Types))
	for _, t := range Types {
		m[t.Code] = t
	}
	return m
}()

// LookupType returns the Type with the given code.
func LookupType(code string) (Type, bool) {
	t, ok := typeByCode[code]
	return t, ok
}

// ACLED returns the ACLED classification of a type code, or nil when the
// type has none (consult).
func ACLED(code string) *ACLEDClass {
	t, ok := typeByCode[code]
	if !ok || t.ACLEDType == "" {
		return nil
	}
	return &ACLEDClass{EventType: t.ACLEDType, SubEventType: t.ACLEDSubType}
}
