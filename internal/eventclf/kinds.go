package eventclf

// Types lists the event types (SPEC §3 codes) that are events of each
// kind, as the OEDA scorer (../shared/tools/gsr) counts them: a sentence
// with any of them is a detection of the kind.
var Types = map[string][]string{
	"assault": {"armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory",
		"air_drone_strike", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied",
		"suicide_bomb", "grenade", "chemical_weapon", "attack", "abduction_forced_disappearance",
		"sexual_violence", "looting_property_destruction", "mob_violence",
		"excessive_force_against_protesters"},
	"protest": {"peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters",
		"violent_demonstration"},
}

// KindsOf returns the kinds an event type belongs to (none, one, or both
// for excessive force against protesters).
func KindsOf(eventType string) []string {
	var out []string
	for _, k := range Kinds {
		for _, t := range Types[k] {
			if t == eventType {
				out = append(out, k)
				break
			}
		}
	}
	return out
}
