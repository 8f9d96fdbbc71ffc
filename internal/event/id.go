package event

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// ContentEventID is an event's identity: a hash of its article's store key
// (ArticleKey), its type, its place as written and its date, and n, its
// rank among the article's earlier events with the same three. It does not
// depend on the event's position in the article, so re-extracting an
// unchanged text gives every event the id it had, and `raqib extract`, the
// stores, the API and the exports all name an event alike.
func ContentEventID(key string, e Event, n int) string {
	return eventIDBase(key, e) + suffix(n)
}

func eventIDBase(key string, e Event) string {
	place, date := "", ""
	if e.Location != nil {
		place = e.Location.Name
	}
	if e.Date != nil {
		date = *e.Date
	}
	sum := sha256.Sum256([]byte(key + "\x00" + e.EventType + "\x00" + place + "\x00" + date))
	return hex.EncodeToString(sum[:8])
}

func suffix(n int) string {
	if n == 0 {
		return ""
	}
	return "-" + strconv.Itoa(n)
}

// EventIDs returns the ContentEventID of each of an article's events, in
// order: two events alike in type, place and date are told apart by their
// rank among such events.
func EventIDs(key string, evs []Event) []string {
	out := make([]string, len(evs))
	seen := make(map[string]int, len(evs))
	for i, e := range evs {
		b := eventIDBase(key, e)
		out[i] = b + suffix(seen[b])
		seen[b]++
	}
	return out
}

// rowEventID is the ContentEventID of the i-th event e of r.
func rowEventID(r *Record, i int, e Event) string {
	b := eventIDBase(r.Key, e)
	n := 0
	for j := 0; j < i && j < len(r.Events); j++ {
		if eventIDBase(r.Key, r.Events[j]) == b {
			n++
		}
	}
	return b + suffix(n)
}
