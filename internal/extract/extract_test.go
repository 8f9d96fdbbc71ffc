package extract

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/geo"
)

var update = flag.Bool("update", false, "update golden files")

// want describes an event a sentence must give.
type want struct {
	typ       string
	place     string // the gazetteer id, or "" for any
	name      string // a substring of location.name, or ""
	date      string
	actor1    string
	actor2    string
	precision int
}

func extractOne(t *testing.T, a event.Article) []event.Event {
	t.Helper()
	evs, err := newTestExtractor(t).Extract(a)
	if err != nil {
		t.Fatalf("Extract(%s): %v", a.ID, err)
	}
	for _, e := range evs {
		for _, sp := range e.Evidence {
			if sp.Start < 0 || sp.End > len(a.Text) || a.Text[sp.Start:sp.End] != sp.Text {
				t.Errorf("evidence %d-%d %q is not the article's text there", sp.Start, sp.End, sp.Text)
			}
		}
	}
	return evs
}

func describe(evs []event.Event) string {
	var b strings.Builder
	for _, e := range evs {
		loc, a1, a2, d := "-", "-", "-", "-"
		if e.Location != nil {
			loc = fmt.Sprintf("%s[%s p%d]", e.Location.Name, e.Location.GazetteerID, e.Location.GeoPrecision)
		}
		if e.Actor1 != nil {
			a1 = e.Actor1.Code
		}
		if e.Actor2 != nil {
			a2 = e.Actor2.Code
		}
		if e.Date != nil {
			d = *e.Date
		}
		fmt.Fprintf(&b, "\n  %s @ %s %s %s→%s", e.EventType, loc, d, a1, a2)
	}
	return b.String()
}

func matches(e event.Event, w want) bool {
	if w.typ != "" && e.EventType != w.typ { // "" for any type
		return false
	}
	if w.place != "" && (e.Location == nil || e.Location.GazetteerID != w.place) {
		return false
	}
	if w.name != "" && (e.Location == nil || !strings.Contains(e.Location.Name, w.name)) {
		return false
	}
	if w.precision != 0 && (e.Location == nil || e.Location.GeoPrecision != w.precision) {
		return false
	}
	if w.date != "" && (e.Date == nil || *e.Date != w.date) {
		return false
	}
	if w.actor1 != "" && (e.Actor1 == nil || e.Actor1.Code != w.actor1) {
		return false
	}
	if w.actor2 != "" && (e.Actor2 == nil || e.Actor2.Code != w.actor2) {
		return false
	}
	return true
}

// The sentences below are written for these tests; they are not taken from
// any corpus.
func TestExtractEvents(t *testing.T) {
	tests := []struct {
		name      string
		published string
		text      string
		want      []want
		count     int    // exact number of events, when > 0
		notIn     string // a country no event may be placed in
		never     []want // events that must not be read
		toll      int    // the fatalities of the only event, when > 0
	}{
		{
			// shot dead by the army during the protests: force used against protesters
			name: "protesters shot by an army", published: "2018-04-20",
			text: "الفلسطينيون يواصلون احتجاجاتهم للجمعة الرابعة\n\nلقي متظاهران فلسطينيان مصرعهما برصاص الجيش الإسرائيلي اليوم في شرق جباليا خلال مشاركتهما في الاحتجاجات.",
			want: []want{{typ: "excessive_force_against_protesters", name: "جباليا", actor1: "ISR.MIL"}},
		},
		{
			// the SDF spelt with و (ديموقراطية), as one mention in eight is
			name: "SDF spelt with waw", published: "2018-07-15",
			text: "وانسحبت قوات سوريا الديموقراطية أمس من مدينة منبج.",
			want: []want{{typ: "change_to_group_activity", name: "منبج", actor1: "SDF"}},
		},
		{
			// a settlement deal is an agreement, and one is made for a whole province
			name: "a settlement deal for a province", published: "2018-07-19",
			text:  "وتم التوصل أمس إلى اتفاق تسوية في محافظة درعا.",
			want:  []want{{typ: "agreement", place: "sy-adm-gov-daraa"}},
			count: 1,
		},
		{
			// "خط فض الاشتباك" is the Golan disengagement line, no clash
			name: "the disengagement line", published: "2018-05-12",
			text:  "وأسقطت إسرائيل أمس طائرة من دون طيار تجاوزت خط فض الاشتباك في الجولان.",
			want:  []want{{typ: "disrupted_weapons_use", name: "الجولان"}},
			never: []want{{typ: "armed_clash"}},
		},
		{
			// the day between a reporting word and its "أن", commas and quotes
			// aside, is the day of the telling: the toll goes to Monday's strike
			name: "a report day set off by commas", published: "2018-04-10",
			text:  "وقتل 3 إيرانيين في غارة إسرائيلية على مطار التيفور فجر الاثنين.\nوقالت وكالة \"تسنيم\"، الإيرانية، الثلاثاء، أن عدد القتلى ارتفع إلى 7 جراء الغارات على مطار التيفور.",
			want:  []want{{typ: "air_drone_strike", place: "sy-o-ho-t4", date: "2018-04-09"}},
			count: 1,
		},
		{
			// a chemical attack retold with the days of the statements about it is one attack, of its own day
			name: "a chemical attack retold on later days", published: "2018-04-10",
			text:  "وقتل عشرات المدنيين في هجوم كيميائي على مدينة دوما السبت.\nوبحثت ماي مع ترامب مساء الاثنين الهجوم الكيميائي الذي استهدف مدينة دوما.\nوقالت روسيا اليوم الثلاثاء إن هجوما كيميائيا على مدينة دوما لم يثبت.",
			want:  []want{{typ: "chemical_weapon", name: "دوما", date: "2018-04-07"}},
			count: 1,
		},
		{
			// two chemical attacks on one town, each on a day written out, stay two
			name: "two chemical attacks on written days", published: "2018-04-10",
			text:  "وقتل 80 مدنيا في هجوم كيميائي على مدينة خان شيخون في 4 نيسان 2017.\nوكانت قوات النظام قد شنت هجوما كيميائيا على مدينة خان شيخون في 30 آذار 2017.",
			count: 2,
		},
		{
			// "منطقة" names a city's quarter too ("منطقة برزة بدمشق")
			name: "an area that is a quarter", published: "2018-04-14",
			text: "وقصفت الطائرات أمس منطقة برزة بدمشق.",
			want: []want{{place: "sy-o-dam-barzeh"}},
		},
		{
			// "حلب ثانية" is a likeness: no attack is carried to Aleppo
			name: "a second Aleppo", published: "2018-02-20",
			text:  "وحذرت الأمم المتحدة من أن الغوطة الشرقية قد تستحيل إلى حلب ثانية.\nوأفادت تقارير بمقتل أكثر من ستين مدنيا في هجمات جديدة للقوات الحكومية الثلاثاء.",
			never: []want{{name: "حلب"}},
		},
		{
			// a generic word at a province with a day written out and a toll is one event
			name: "a province, a written day and a toll", published: "2018-04-12",
			text: "وفي 9 أبريل 2018 جرى استهداف قاعدة عسكرية في محافظة حمص بصواريخ، موقعة 14 قتيلا.",
			want: []want{{place: "sy-adm-gov-homs", date: "2018-04-09"}},
		},
		{
			// "3 و5 مايو": the day before the one read, joined by و, is a second day
			name: "two days, the first before", published: "2018-04-30",
			text:  "وفي 3 و5 مايو 2013، شنت طائرات إسرائيلية غارات على منطقة جمرايا.",
			want:  []want{{place: "sy-o-rd-jamraya", date: "2013-05-03"}, {place: "sy-o-rd-jamraya", date: "2013-05-05"}},
			count: 2,
		},
		{
			// a verb of seizing with its subject between it and "على"
			name: "seized, the subject first", published: "2018-05-05",
			text: "واستولت القوات التركية والجيش السوري الحر على مدينة عفرين في 18 مارس.",
			want: []want{{typ: "non_state_actor_overtakes_territory", name: "عفرين", date: "2018-03-18", actor1: "TUR.MIL"}},
		},
		{
			// "وسيطرت عليها": a pronoun object points back to the place of the same story's word
			name: "took it, the place told before", published: "2018-03-22",
			text: "وأطلقت القوات التركية في يناير الماضي عملية عسكرية للسيطرة على منطقة عفرين، وسيطرت عليها هذا الأسبوع.",
			want: []want{{name: "عفرين"}},
		},
		{
			// Damascus is a province of one city: its south is the city's southern quarters, not 25 km out
			name: "the south of a city province", published: "2018-04-30",
			text: "وقصفت الطائرات أمس مواقع التنظيم في جنوب دمشق.",
			want: []want{{name: "جنوب دمشق", precision: 2}},
		},
		{
			// a deal to evacuate is an agreement made, and the handover it brings
			name: "an evacuation deal", published: "2018-04-08",
			text: "ووقعت الفصائل أمس اتفاق إجلاء المقاتلين من مدينة دوما.",
			want: []want{{typ: "agreement", name: "دوما"}, {typ: "non_violent_transfer_of_territory", name: "دوما"}},
		},
		{
			// Homs's province point lies 108 km out in the desert: "غرب حمص" is read from the city
			name: "west of a city far from its province point", published: "2018-04-14",
			text: "وقصفت الصواريخ أمس منشأة عسكرية غرب حمص.",
			want: []want{{name: "غرب حمص", precision: 2}},
		},
		{
			// defences that fire to intercept tried it: no mere aim
			name: "fired to intercept", published: "2018-05-10",
			text: "وأطلقت الدفاعات الجوية السورية فجر اليوم صواريخ لاعتراض صواريخ إسرائيلية فوق مطار الضمير العسكري.",
			want: []want{{typ: "disrupted_weapons_use", name: "الضمير"}},
		},
		{
			// "تطهير بلدتي": the cleansing of two towns, each taken
			name: "two towns cleared", published: "2018-09-11",
			text: "وأعلنت قوات سوريا الديمقراطية أمس تطهير بلدتي الباغوز والدشيشة من مسلحي داعش.",
			want: []want{{typ: "non_state_actor_overtakes_territory", name: "الباغوز", actor1: "SDF"}, {typ: "non_state_actor_overtakes_territory", name: "الدشيشة", actor1: "SDF"}},
		},
		{
			// a dual airport noun governs both names, each the airport the gazetteer keeps with its noun
			name: "two airports struck", published: "2018-04-14",
			text: "وقالت الوزارة إن الصواريخ قصفت أمس مطاري دمشق الدولي والضمير العسكري.",
			want: []want{{typ: "shelling_artillery_missile_attack", place: "sy-o-rd-damascus-airport"}, {typ: "shelling_artillery_missile_attack", place: "sy-o-rd-dumayr-airbase"}},
		},
		{
			// a strike the sentence dates to Monday is no more of Saturday's story: no place is carried to it
			name: "another day's strike carries no place", published: "2018-04-10",
			text:  "وقتل 40 شخصا في هجوم كيميائي على مدينة دوما السبت.\nوأدانت فرنسا الضربة الجوية التي شنت على قاعدة جوية في سوريا الاثنين.",
			want:  []want{{typ: "chemical_weapon", name: "دوما", date: "2018-04-07"}},
			count: 1,
		},
		{
			// the shelling that went with the strikes fell on the same towns
			name: "shelling that went with the strikes", published: "2018-07-01",
			text: "وتعرضت بلدات كفرنبل وحاس، أمس لعشرات الغارات الجوية، ترافقت مع قصف مدفعي عنيف.",
			want: []want{{typ: "air_drone_strike", place: "sy-nw-hass"}, {typ: "shelling_artillery_missile_attack", place: "sy-nw-hass"}},
		},
		{
			// a deal that provides for an evacuation was made; the evacuation is to come
			name: "a deal that provides for leaving", published: "2018-04-02",
			text:  "وتوصلت روسيا وجيش الإسلام أمس إلى اتفاق يقضي بخروج المقاتلين من مدينة دوما.",
			want:  []want{{typ: "agreement", name: "دوما"}},
			never: []want{{typ: "non_violent_transfer_of_territory"}},
		},
		{
			// where the fighters are to leave for is no place of the deal
			name: "a deal and the fighters' destination", published: "2018-04-02",
			text:  "وتوصلت روسيا وجيش الإسلام أمس إلى اتفاق يقضي بخروج المقاتلين من مدينة دوما إلى مدينة جرابلس.",
			want:  []want{{typ: "agreement", name: "دوما"}},
			never: []want{{name: "جرابلس"}},
		},
		{
			// a listed name with a namesake abroad is the one near the name before it
			name: "a listed village with a namesake abroad", published: "2018-07-01",
			text: "وقصفت الطائرات أمس بلدتي طفس وكحيل.",
			want: []want{{place: "sy-o-da-tafas"}, {place: "wof-1226564035"}},
		},
		{
			// a plural place noun governs a listed name that is also a common word
			name: "a listed town that is also a word", published: "2018-07-01",
			text: "وقصفت الطائرات أمس بلدات طفس ونصيب.",
			want: []want{{place: "sy-o-da-tafas"}, {place: "sy-o-da-nasib-village"}},
		},
		{
			// a list of towns before a comma and the strikes: every town of the list
			name: "towns listed before the strikes", published: "2018-04-10",
			text: "وتعرضت بلدات كفرنبل وحاس ومعرة النعمان، أمس لعشرات الغارات الجوية.",
			want: []want{{place: "sy-nw-kafr-nabl"}, {place: "sy-nw-hass"}, {place: "sy-nw-maarrat"}},
		},
		{
			// "الحكومة المركزية في بغداد": where the government sits, not where the protest was
			name: "a government's seat beside a protest", published: "2018-09-08",
			text:  "وتظاهر المئات أمس في مدينة البصرة احتجاجا على نقص الخدمات رغم وعود الحكومة المركزية في بغداد.",
			want:  []want{{name: "البصرة"}},
			never: []want{{name: "بغداد"}},
		},
		{
			// crowds that attack riot; they fight no battle
			name: "angry crowds attack a building", published: "2018-09-08",
			text:  "وهاجمت الحشود الغاضبة أمس مقر الحكومة المحلية في مدينة البصرة.",
			want:  []want{{typ: "violent_demonstration", name: "البصرة"}},
			never: []want{{typ: "armed_clash"}},
		},
		{
			// "كامل" (entire) is no ك + "آمل" (I hope)
			name: "control of an entire town", published: "2018-04-10",
			text: "وأحكمت قوات النظام أمس سيطرتها على كامل مدينة دوما.",
			want: []want{{typ: "government_regains_territory", name: "دوما", actor1: "SYR.GOV"}},
		},
		{
			// an evacuation deal that stalled moved nobody; the shelling after it stays
			name: "a stalled evacuation deal", published: "2018-04-10",
			text:  "وجاء القصف أمس على مدينة دوما بعدما تعثر اتفاق إجلاء أعلنته روسيا في المدينة.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "دوما"}},
			never: []want{{typ: "non_violent_transfer_of_territory"}, {typ: "disrupted_weapons_use"}},
		},
		{
			// "وفي بلدة": a second place joined by و, not where the first lies
			name: "two towns each after في", published: "2018-04-10",
			text: "وقصفت الطائرات الروسية أمس مواقع في بلدة كفرنبل وفي بلدة معرة النعمان.",
			want: []want{{place: "sy-nw-kafr-nabl"}, {place: "sy-nw-maarrat"}},
		},
		{
			// an institution that failed to act foiled no attack
			name: "a body's failure after a strike", published: "2018-04-10",
			text:  "وقصفت الطائرات بلدة كفرنبل أمس، وانتقد السفير فشل مجلس الأمن في وقف القصف.",
			want:  []want{{typ: "air_drone_strike", name: "كفرنبل"}},
			never: []want{{typ: "disrupted_weapons_use"}},
		},
		{
			// a word of targets that opens the sentence has no verb before it to be the object of
			name: "fighters named first, then their verb", published: "2018-04-10",
			text: "مقاتلي تنظيم داعش هاجموا أمس بلدة الميادين.",
			want: []want{{name: "الميادين", actor1: "ISIS"}},
		},
		{
			// a name kept with another place noun, then a date: the name does not go on
			name: "a town kept with its noun, a date after it", published: "2018-04-10",
			text: "وداهمت قوات الأمن منازل في بلدة جاسم أمس واعتقلت خمسة شبان.",
			want: []want{{typ: "arrests", place: "sy-o-da-jasim"}},
		},
		{
			// "مناطق عديدة من عفرين": parts of Afrin, however many, not where the planes came from
			name: "many parts of a town", published: "2018-03-10",
			text: "وقصفت الطائرات التركية أمس مناطق عديدة من عفرين.",
			want: []want{{typ: "air_drone_strike", name: "عفرين"}},
		},
		{
			// Israel's forces attack in Syria from the air
			name: "an Israeli attack in Syria", published: "2018-04-10",
			text: "وشنت إسرائيل أمس هجوما على مطار التيفور العسكري قرب حمص.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-ho-t4", actor1: "ISR.MIL"}},
		},
		{
			// the strikes the defences confronted were made: they are the event
			name: "strikes confronted by air defences", published: "2018-04-10",
			text:  "وتصدت الدفاعات الجوية السورية فجر اليوم لغارات إسرائيلية على مطار التيفور العسكري.",
			want:  []want{{typ: "air_drone_strike", place: "sy-o-ho-t4", actor1: "ISR.MIL"}},
			count: 1,
		},
		{
			// "طالب" after a word of death is a student, not a demand
			name: "a student killed", published: "2018-04-10",
			text: "وقتل طالب جامعي أمس برصاص مسلحين مجهولين في مدينة درعا.",
			want: []want{{name: "درعا"}},
		},
		{
			// "قصفهم": "هم" points back to the persons named before, though named as a target
			name: "their shelling answered", published: "2018-04-10",
			text: "وقصف الجيش أمس مواقع الحوثيين ردا على قصفهم مدينة جازان.",
			want: []want{{name: "جازان", actor1: "HOUTHI"}},
		},
		{
			// "ومحيط بلدة حاس": a second target joined by و, not where the first lies
			name: "a town and the outskirts of another", published: "2018-04-10",
			text: "وقصفت الطائرات أمس بلدة كفرنبل ومحيط بلدة حاس.",
			want: []want{{name: "كفرنبل"}, {name: "حاس"}},
		},
		{
			// gunmen who target a post with no weapon of range attack on the ground
			name: "gunmen target a post", published: "2018-04-10",
			text:  "واستهدف مسلحون أمس حاجزا للجيش في بلدة الكرك.",
			want:  []want{{typ: "armed_clash", name: "الكرك"}},
			never: []want{{typ: "shelling_artillery_missile_attack"}},
		},
		{
			// the same as the text's first word, with no word before it to read
			name: "a text that opens with a name in construct", published: "2018-02-26",
			text: "غوطة دمشق تعرضت أمس لقصف جوي عنيف.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-rd-ghouta-east"}},
		},
		{
			// a name kept with its article drops it before the place it belongs to
			name: "a name in construct without its article", published: "2018-02-26",
			text: "وقصفت الطائرات الروسية أمس غوطة دمشق بعشرات الغارات.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-rd-ghouta-east"}},
		},
		{
			// "قتل 13 عنصرا من قوات النظام": the count's side was hit, it did not strike
			name: "a count of the dead of a side", published: "2018-04-10",
			text:  "وقتل 13 عنصرا من قوات النظام أمس في انفجار عبوة ناسفة في بلدة كفرنبل.",
			want:  []want{{typ: "remote_explosive_landmine_ied", name: "كفرنبل"}},
			never: []want{{actor1: "SYR.GOV"}},
		},
		{
			// "بطلب من": why it was done, not a demand still open
			name: "forces deployed at a request", published: "2018-04-10",
			text: "وبناء على طلب الحكومة السورية انتشرت قوات روسية أمس في مدينة منبج.",
			want: []want{{typ: "change_to_group_activity", name: "منبج", actor1: "RUS.MIL"}},
		},
		{
			// "أطلق جنود إسرائيليون النار": the subject between the verb and "النار"
			name: "fire opened on protesters, subject between", published: "2018-04-01",
			text: "وأطلق جنود إسرائيليون أمس النار على متظاهرين قرب خان يونس.",
			want: []want{{typ: "excessive_force_against_protesters", name: "خان يونس", actor1: "ISR.MIL"}},
		},
		{
			// the same with no protesters: a shooting
			name: "fire opened, subject between", published: "2018-04-01",
			text: "وفتح مسلحون مجهولون أمس النار على حاجز للجيش في بلدة الكرك.",
			want: []want{{typ: "armed_clash", name: "الكرك", actor1: "UNK"}},
		},
		{
			// "من مسلحي داعش" after the place taken: those driven out, not who took it
			name: "a town freed of a group", published: "2018-07-20",
			text: "وأعلنت قوات النظام أمس تحرير بلدة تسيل من مسلحي داعش.",
			want: []want{{typ: "government_regains_territory", name: "تسيل", actor1: "SYR.GOV", actor2: "ISIS"}},
		},
		{
			// "تطهير بلدة": a takeover as army statements word it; "تطهير عرقي" is none
			name: "a town cleared", published: "2018-07-20",
			text:  "وقال الجيش السوري إن وحداته أنهت أمس تطهير بلدة الشجرة في ريف درعا الغربي.\nواتهم التقرير الميليشيات بممارسة تطهير عرقي في مدينة تلعفر.",
			want:  []want{{typ: "government_regains_territory", name: "الشجرة"}},
			count: 1,
		},
		{
			// "بلدة الضمير": the bare name is a subdistrict (and a common word), the town is kept with its noun
			name: "a town kept with another place noun", published: "2018-04-10",
			text: "وقصفت قوات النظام أمس بلدة الضمير في القلمون الشرقي.",
			want: []want{{typ: "shelling_artillery_missile_attack", place: "sy-o-rd-dumayr"}},
		},
		{
			// "جيش" without the article before a name is a group's name, not the state's army
			name: "an army that is a group", published: "2018-07-20",
			text:  "وسيطر جيش المغاوير أمس على بلدة تسيل في ريف درعا الغربي.",
			want:  []want{{typ: "non_state_actor_overtakes_territory", name: "تسيل", actor1: "UNK"}},
			never: []want{{typ: "government_regains_territory"}},
		},
		{
			// "جيش" before a country is that country's army
			name: "a country's army", published: "2018-03-25",
			text: "وأعلن جيش تركيا أمس السيطرة الكاملة على مدينة عفرين.",
			want: []want{{name: "عفرين", actor1: "TUR.MIL"}},
		},
		{
			// "قد" before a perfect: it has happened
			name: "a shelling that has happened", published: "2018-04-10",
			text: "وكانت بلدة كفرنبل قد تعرضت أمس لقصف مدفعي من قوات النظام.",
			want: []want{{typ: "shelling_artillery_missile_attack", name: "كفرنبل", actor1: "SYR.GOV"}},
		},
		{
			// "مسلحون من داعش": some of the group, so the group attacked
			name: "fighters of a group", published: "2018-07-25",
			text: "وهاجم مسلحون من تنظيم داعش أمس قرية طربا في ريف السويداء الشرقي.",
			want: []want{{name: "طربا", actor1: "ISIS"}},
		},
		{
			// "أسقطت من قبل": dropped by the helicopters, nothing shot down
			name: "barrels dropped by helicopters", published: "2018-04-10",
			text:  "وقتل عشرة مدنيين أمس بالبراميل المتفجرة التي أسقطت من قبل مروحيات النظام على مدينة دوما.",
			want:  []want{{typ: "air_drone_strike", name: "دوما", actor1: "SYR.GOV"}},
			never: []want{{typ: "disrupted_weapons_use"}},
		},
		{
			// a verb of intercepting words before the weapon: met in flight, not fired at the base
			name: "missiles intercepted", published: "2018-04-17",
			text: "وقال الإعلام الحربي إن الدفاعات الجوية اعترضت أمس ثلاثة صواريخ كانت تستهدف قاعدة الضمير الجوية.",
			want: []want{{typ: "disrupted_weapons_use", place: "sy-o-rd-dumayr-airbase"}},
		},
		{
			// the launcher between "أطلقته" and "من": Saada is where it came from
			name: "a missile intercepted and where it was launched", published: "2018-06-13",
			text:  "اعترضت قوات الدفاع الجوي السعودي أمس صاروخا بالستيا أطلقته مليشيات الحوثي من مدينة صعدة باتجاه مدينة جازان.",
			want:  []want{{typ: "disrupted_weapons_use", name: "جازان"}},
			never: []want{{name: "صعدة"}},
		},
		{
			// after the base's adjectives and a comma, a direction only says where it lies
			name: "a base and where it lies", published: "2018-04-17",
			text:  "وقال التقرير إن الدفاعات الجوية اعترضت أمس ثلاثة صواريخ كانت تستهدف قاعدة الضمير الجوية العسكرية، شمال شرق العاصمة دمشق.",
			want:  []want{{typ: "disrupted_weapons_use", place: "sy-o-rd-dumayr-airbase"}},
			count: 1,
		},
		{
			// "الحكومية": the government's aircraft, the Syrian government's in Syria and another's elsewhere
			name: "the government's aircraft", published: "2018-06-30",
			text: "وشنت الطائرات الحكومية أمس غارات على قرية مسيكة في ريف درعا.",
			want: []want{{typ: "air_drone_strike", actor1: "SYR.GOV"}},
		},
		{
			name: "a government's aircraft abroad", published: "2018-06-30",
			text: "وقتل خمسة مدنيين أمس في غارة لطائرات حكومية على بلدة دالي في ولاية جنوب كردفان.",
			want: []want{{typ: "air_drone_strike", actor1: "SDN.MIL"}},
		},
		{
			// a village the gazetteer keeps only with its place noun, longer than a bare namesake (المليحة)
			name: "a village named after a dual noun", published: "2018-06-26",
			text: "وسيطرت قوات النظام أمس على بلدتي مليحة العطش وبصر الحرير في ريف درعا الشرقي.",
			want: []want{{typ: "government_regains_territory", place: "wof-1326627789"}},
		},
		{
			name: "the second of two villages", published: "2018-06-26",
			text: "وسيطرت قوات النظام أمس على بلدتي بصر الحرير ومليحة العطش في ريف درعا الشرقي.",
			want: []want{{typ: "government_regains_territory", place: "wof-1326627789"}},
		},
		{
			// the plural noun governs every name of the list, not only the second
			name: "the third of a list of villages", published: "2018-03-04",
			text: "وسيطرت قوات النظام أمس على بلدات النشابية وحزرما وأوتايا.",
			want: []want{{typ: "government_regains_territory", place: "wof-1277096297"}},
		},
		{
			// "أعلنت في وقت سابق الثلاثاء أن": the day of the telling; the strike's is after it
			name: "the day told and the day struck", published: "2018-04-10",
			text: "وكانت طهران أعلنت في وقت سابق الثلاثاء أن الضربة الجوية التي استهدفت فجر الاثنين مطار التيفور العسكري أسفرت عن مقتل 7 عسكريين إيرانيين.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-ho-t4", date: "2018-04-09"}},
		},
		{
			// a deal may be made for a district, not only held in a town
			name: "a deal for a district", published: "2018-03-26",
			text: "وتوصلت جماعة فيلق الرحمن، وهي الجماعة الرئيسية في منطقة عربين، لاتفاق يوم الجمعة يسلم بموجبه المقاتلون المنطقة للحكومة.",
			want: []want{{typ: "agreement", name: "عربين", date: "2018-03-23"}},
		},
		{
			// a verb of dropping fires the bombs after it; an aircraft before them makes it an air strike
			name: "bombs dropped from a plane", published: "2018-04-09",
			text: "وقال الناشطون إن طائرة تابعة للحكومة ألقت أمس قنابل على بلدة دوما.",
			want: []want{{typ: "air_drone_strike", name: "دوما"}},
		},
		{
			name: "bombs dropped, the verb first", published: "2018-04-09",
			text: "ألقت طائرة حربية أمس قنابل على بلدة دوما.",
			want: []want{{typ: "air_drone_strike", name: "دوما"}},
		},
		{
			// what helicopters drop may be leaflets: the verb does not fire the aircraft
			name: "leaflets dropped", published: "2018-08-09",
			text:  "وألقت مروحيات حربية تابعة للنظام أمس مناشير على مدن عدة في ريف إدلب الشرقي.",
			never: []want{{typ: "air_drone_strike"}},
		},
		{
			// the airbase written without the article and between quotes
			name: "an airbase by its short name", published: "2018-04-09",
			text: "وقصفت طائرات إسرائيلية أمس قاعدة \"تيفور\" الجوية.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-ho-t4", actor1: "ISR.MIL"}},
		},
		{
			// "الحدود مع قطاع غزة": the border of a territory is a place, not its state
			name: "the border of a territory", published: "2018-04-01",
			text: "وقتل 16 فلسطينيا أمس برصاص الجيش الإسرائيلي في احتجاجات على الحدود مع قطاع غزة.",
			want: []want{{name: "قطاع غزة", actor1: "ISR.MIL"}},
		},
		{
			// "على" right after an attack word: the capital struck is where, not the state
			name: "a capital struck", published: "2018-02-19",
			text: "وشنت إسرائيل أمس غارات جوية على دمشق.",
			want: []want{{typ: "air_drone_strike", name: "دمشق", actor1: "ISR.MIL"}},
		},
		{
			name: "a territory struck", published: "2018-10-17",
			text: "وشنت إسرائيل أمس سلسلة غارات على قطاع غزة.",
			want: []want{{typ: "air_drone_strike", name: "قطاع غزة", actor1: "ISR.MIL"}},
		},
		{
			// "السوري" is part of the group's name, not the nationality of the doer
			name: "a group named with a nationality", published: "2018-03-18",
			text: "وسيطر الجيش السوري الحر على مدينة عفرين.",
			want: []want{{typ: "non_state_actor_overtakes_territory", name: "عفرين", actor1: "SYR.OPP"}},
		},
		{
			// "وحدات من الجيش" is a lexicon name too; the group's longer name beginning inside it wins
			name: "units of a group named like the army", published: "2018-03-18",
			text: "وسيطرت وحدات من الجيش السوري الحر على مدينة عفرين.",
			want: []want{{typ: "non_state_actor_overtakes_territory", name: "عفرين", actor1: "SYR.OPP"}},
		},
		{
			// "الشرعية اليمنية" qualifies the forces: they stay Yemen's army
			name: "forces of a government named with a nationality", published: "2018-02-22",
			text: "وسيطرت قوات الشرعية اليمنية على مركز مديرية باقم.",
			want: []want{{typ: "government_regains_territory", actor1: "YEM.MIL"}},
		},
		{
			// "والتقى" is a verb, not a definite noun that names no new event alone
			name: "a meeting told by a verb that begins like the article", published: "2018-04-17",
			text: "قال مسؤولون أميركيون الثلاثاء إن مايك بومبيو قام بزيارة سرية إلى كوريا الشمالية خلال عطلة عيد القيامة والتقى الزعيم الكوري الشمالي كيم جونغ أون.",
			want: []want{{typ: "consult", name: "كوريا الشمالية"}},
		},
		{
			name: "a ground operation", published: "2018-04-07",
			text: "وأطلقت قوات النظام أمس عملية برية في البساتين المحيطة بمدينة دوما.",
			want: []want{{typ: "armed_clash", name: "دوما", actor1: "SYR.GOV"}},
		},
		{
			// "حيث تركز القصف على … بلدات الجيزة": the raids told before, at the towns the back-reference names
			name: "the towns a back-reference names", published: "2018-06-30",
			text: "وقال الدفاع المدني إن الغارات الروسية استهدفت أمس بلدات عدة في الريف الشرقي لدرعا، حيث تركز القصف على الأحياء السكنية في بلدات الجيزة وكحيل.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-da-jiza", actor1: "RUS.MIL"}},
		},
		{
			// "تعهدت … برد على": who vows an answer did not do what it answers
			name: "a vow to answer an attack", published: "2018-04-10",
			text:  "وتعهدت واشنطن برد قوي على الهجوم الكيميائي على مدينة دوما السبت.",
			want:  []want{{typ: "chemical_weapon", name: "دوما"}},
			never: []want{{actor1: "USA.MIL"}, {actor1: "USA.GOV"}},
		},
		{
			// a plural place noun before a colon governs the comma-separated names after it
			name: "a list of villages after a colon", published: "2018-04-01",
			text: "واستعاد الجيش أمس السيطرة على البلدات التالية: حزرما، النشابية، أوتايا.",
			want: []want{{typ: "government_regains_territory", place: "wof-1210036339"}, {typ: "government_regains_territory", place: "wof-1277096297"}},
		},
		{
			// "عاصمة محافظة X": the governorate's seat, a city, not the governorate
			name: "the seat of a governorate", published: "2018-07-26",
			text: "وقتل أكثر من 200 شخص أمس في هجوم لتنظيم الدولة على عاصمة محافظة السويداء.",
			want: []want{{place: "sy-o-suwayda", actor1: "ISIS"}},
		},
		{
			// "قبل أسبوع" dates the verb (a week ago); it frames no "السيطرة" after it
			name: "a takeover a week ago", published: "2018-07-14",
			text: "واستعادت القوات الحكومية قبل أسبوع السيطرة على معبر نصيب.",
			want: []want{{typ: "government_regains_territory", place: "sy-o-da-naseeb", actor1: "SYR.GOV"}},
		},
		{
			// "الدول الغربية دمشق": an adjective with the article opens no direction before a bare name
			name: "an adjective before a capital", published: "2018-04-18",
			text:  "واتهمت الدول الغربية دمشق بشن هجوم كيميائي على مدينة دوما السبت.",
			want:  []want{{typ: "chemical_weapon", name: "دوما"}},
			count: 1,
		},
		{
			// "دوماً" (always) is written with tanween: no town's name
			name: "an adverb spelt like a town", published: "2018-04-10",
			text:  "وقال إن طائرات التحالف تستهدف مواقع التنظيم دوماً بغارات جوية في قضاء الحويجة.",
			never: []want{{name: "دوما"}},
		},
		{
			// "لم تدمر": after a particle that only a verb follows, تدمر is "destroys", not Palmyra
			name: "a verb spelt like a town", published: "2018-04-16",
			text:  "وقال المرصد إن الغارات الغربية لم تدمر سلاح الجو السوري في مدينة حمص.",
			never: []want{{name: "تدمر"}},
		},
		{
			// "سوى" ends the name بيت سوى: the town after it is no exception
			name: "a town whose name holds an exception word", published: "2018-02-26",
			text: "وقصفت قوات النظام بلدات بيت سوى وعربين.",
			want: []want{{typ: "shelling_artillery_missile_attack", name: "عربين", actor1: "SYR.GOV"}},
		},
		{
			// "أجزاء من": a part of the town was shelled, it is no point of departure
			name: "a part of a place is the place", published: "2020-01-10",
			text: "قصفت قوات النظام أمس أجزاء من مدينة البوكمال بالمدفعية.",
			want: []want{{typ: "shelling_artillery_missile_attack", name: "البوكمال", actor1: "SYR.GOV"}},
		},
		{
			// the masculine verb with its subject between it and "على"
			name: "a takeover told by a masculine verb", published: "2018-06-08",
			text: "سيطر تنظيم الدولة الإسلامية اليوم الجمعة على أجزاء من مدينة البوكمال السورية.",
			want: []want{{typ: "non_state_actor_overtakes_territory", name: "البوكمال", actor1: "ISIS"}},
		},
		{
			// "طالبان" is no "طالب" (a verb of demanding, whose subject only reacts)
			name: "a name that reads like a verb of stance", published: "2018-06-08",
			text: "وشنت حركة طالبان أمس هجوما على قوات الأمن في مدينة غزني.",
			want: []want{{typ: "armed_clash", name: "غزني", actor1: "TALIBAN"}},
		},
		{
			// the evacuation is only planned ("يقضي"); the agreement is about Harasta
			name: "an agreement takes the place of what it arranges", published: "2018-03-20",
			text: "توصلت الفصائل أمس إلى اتفاق مع الجانب الروسي يقضي بإخراج المقاتلين من مدينة حرستا.",
			want: []want{{typ: "agreement", name: "حرستا"}},
		},
		{
			// what was destroyed follows the verbal noun; the drones were flying at the base
			name: "drones destroyed told by a verbal noun", published: "2018-08-11",
			text: "أعلن مركز المصالحة الروسي أن العسكريين الروس تمكنوا أمس من تدمير طائرتين دون طيار أطلقتا من منطقة خاضعة لسيطرة المسلحين نحو قاعدة حميميم العسكرية.",
			want: []want{{typ: "disrupted_weapons_use", place: "sy-nw-hmeimim", actor1: "RUS.MIL"}},
		},
		{
			// the dead are counted as people: the attacks aimed at civilians
			name: "an attack word whose dead are people", published: "2018-08-11",
			text:  "وكان من بينها هجومان في أبريل/نيسان 2017 بمدينة طنطا قتل فيهما أكثر من 40 شخصا.",
			want:  []want{{typ: "attack", name: "طنطا", date: "2017-04"}},
			never: []want{{typ: "armed_clash"}},
		},
		{
			// "من بينها": the attacks among those the group claimed in the sentence before
			name: "the claimant of the attacks a sentence names some of", published: "2018-08-11",
			text: "تعرضت عدة كنائس في مصر لهجمات في السنوات الأخيرة وأعلن تنظيم الدولة الإسلامية الذي ينشط متشددون موالون له في محافظة شمال سيناء مسؤوليته عن أغلبها.\nوكان من بينها هجوم في أبريل/نيسان 2017 بمدينة طنطا قتل فيه أكثر من 40 شخصا.",
			want: []want{{typ: "attack", name: "طنطا", actor1: "ISIS"}},
		},
		{
			// the church attack of 2016 is not the foiled one of 2018 in the same city
			name: "an attack of another month stays apart", published: "2018-08-11",
			text:  "أحبطت أجهزة الأمن المصرية السبت هجوما انتحاريا على كنيسة في مدينة القاهرة.\nكما وقع هجوم على كنيسة بالقاهرة في ديسمبر/كانون الأول 2016 وقتل فيه 28 شخصا.",
			want:  []want{{typ: "disrupted_weapons_use", date: "2018-08-11"}, {typ: "attack", date: "2016-12"}},
			count: 2,
		},
		{
			// Who's On First names the village "قرية ضحيان" and gives it no
			// governorate: "بلدة" reads it, and it lies in the Saada the sentence names
			name: "a village known only with its noun, in the governorate named", published: "2018-08-10",
			text: "قصفت طائرات التحالف أمس بلدة ضحيان في محافظة صعدة.",
			want: []want{{typ: "air_drone_strike", place: "wof-1209183841"}},
		},
		{
			// Who's On First spells the governorate "Al Bayda'", raqib's rows
			// "Al-Bayda": the district still lies in the governorate named
			name: "a district of a Yemeni governorate spelt another way", published: "2018-02-25",
			text: "قصفت مدفعية الجيش اليمني أمس تجمعات للحوثيين بمديرية ناطع بمحافظة البيضاء.",
			want: []want{{typ: "shelling_artillery_missile_attack", place: "wof-1091919451"}},
		},
		{
			// Nineveh is "Ninawa" in Who's On First
			name: "a town of an Iraqi governorate spelt another way", published: "2018-02-25",
			text: "وقتل ثلاثة جنود عراقيين أمس في هجوم شنه مسلحون على بلدة بادوش في محافظة نينوى.",
			want: []want{{place: "wof-1293265333"}},
		},
		{
			// Who's On First knows only Cairo's "مديرية الظاهر"; the story is of Saada
			name: "a district namesake in a country the article never names", published: "2018-04-17",
			text:  "وشنت طائرات التحالف في اليمن غارات على مواقع الحوثيين في محافظة صعدة أمس.\nوتركز القصف على أطراف مديرية الظاهر في صعدة.",
			notIn: "EGY",
		},
		{
			// an Egyptian story names Egypt by its army and adjectives only: al-Mansurah is no Syrian town
			name: "a Syrian namesake in a story told of another country's people", published: "2018-06-05",
			text:  "وقال الجيش المصري إن قوات الأمن المصرية اعتقلت أمس 30 شخصا في مدينة المنصورة.",
			notIn: "SYR",
		},
		{
			// "ولاية سيناء" is the Islamic State's group, not a place: the events are in al-Arish
			name: "a group named after a province is no place", published: "2018-02-23",
			text:  "شن مسلحون من جماعة ولاية سيناء أمس هجوما على موقع عسكري في مدينة العريش.",
			never: []want{{name: "ولاية سيناء"}},
			want:  []want{{name: "العريش"}},
		},
		{
			// a curated town abroad is itself, though the article names Iran, not Iraq
			name: "a curated town in a country the article never names", published: "2018-09-09",
			text: "أعلن الحرس الثوري الإيراني مسؤوليته عن قصف صاروخي استهدف أمس مقر الحزب الديمقراطي الكردستاني الإيراني في مدينة كوي سنجق، وأكدت طهران أن القصف جاء ردا على هجمات.",
			want: []want{{typ: "shelling_artillery_missile_attack", place: "w-iq-koya"}},
		},
		{
			// "بطرابلس", "بمدينة طرابلس": where the clashes were, not the Libyan state
			name: "a capital after a preposition or a place noun is a place", published: "2018-05-22",
			text:  "مقتل جندي لبناني في اشتباكات بطرابلس\n\nقتل عنصر من الجيش اللبناني أمس إثر اشتباكات مع مسلحين في منطقة باب التبانة بمدينة طرابلس شمالي لبنان.",
			never: []want{{actor1: "LBY"}, {actor2: "LBY"}, {actor1: "LBY.MIL"}, {actor2: "LBY.MIL"}, {actor1: "LBY.GOV"}, {actor2: "LBY.GOV"}},
		},
		{
			// "التل بمدينة": the preposition begins the next phrase; the Iraqi
			// village "تل مدينة" is not read through it
			name: "no name runs on through a preposition", published: "2018-05-22",
			text:  "وقعت اشتباكات أمس في حي التل بمدينة طرابلس.",
			never: []want{{place: "wof-1210040615"}},
		},
		{
			// a dual nationality and a model designation between it and its aircraft
			name: "two aircraft of a model and a nationality", published: "2018-06-05",
			text: "قصفت طائرتان F-15 أمريكيتان أمس مواقع لتنظيم الدولة في مدينة البوكمال.",
			want: []want{{typ: "air_drone_strike", name: "البوكمال", actor1: "USA.MIL"}},
		},
		{
			name: "two warships of a nationality", published: "2018-06-05",
			text: "وأطلقت بارجتان أمريكيتان أمس صواريخ على قاعدة الشعيرات الجوية.",
			want: []want{{name: "الشعيرات", actor1: "USA.MIL"}},
		},
		{
			// raids that "will go on" have begun
			name: "raids that will continue", published: "2018-03-05",
			text: "وقصفت الطائرات أمس مدينة دوما، وأكد مصدر عسكري أن الغارات على مدينة دوما ستتواصل.",
			want: []want{{typ: "air_drone_strike", name: "دوما"}},
		},
		{
			// "قرية مير" is a village; "بلدة مير علي" is a longer name the gazetteer lacks
			name: "a known name that another word goes on", published: "2008-11-01",
			text:  "وقال مسؤول إن طائرة بدون طيار أطلقت صاروخين على منزل في بلدة مير علي أمس.",
			never: []want{{typ: "shelling_artillery_missile_attack", name: "بلدة مير"}},
		},
		{
			// the gazetteer writes Koya in one word, the news in two
			name: "a name written in two words the gazetteer joins", published: "2018-09-09",
			text: "أطلق الحرس الثوري الإيراني أمس صواريخ على مقر للحزب الديمقراطي الكردستاني في منطقة كوي سنجق في إقليم كردستان.",
			want: []want{{typ: "shelling_artillery_missile_attack", place: "w-iq-koya"}},
		},
		{
			// "بعد أن" opens a clause whose verb has the sentence's subject
			name: "a verb after بعد أن is done by the sentence's subject", published: "2018-05-10",
			text: "وتقدمت قوات النظام في ريف حماة الشمالي، بعد أن تمكنت من السيطرة على بلدة كفرنبودة.",
			want: []want{{typ: "government_regains_territory", name: "كفرنبودة", actor1: "SYR.GOV"}},
		},
		{
			// "قتلت قوات الأمن": the doer begins inside the event words
			name: "a doer that begins inside the event words", published: "2018-05-10",
			text: "وقتلت قوات الأمن أمس سبعة مسلحين في مدينة العريش.",
			want: []want{{name: "العريش", actor1: "EGY.MIL"}},
		},
		{
			// the only "مليحة" known as a town is in Libya: listed with a town
			// of Daraa, it is a town we do not know
			name: "a town listed with another is no namesake abroad", published: "2018-06-26",
			text:  "وتقدمت قوات النظام في محافظة درعا، وسيطرت على بلدتي بصر الحرير ومليحة العطش.",
			want:  []want{{typ: "government_regains_territory", place: "sy-o-da-busr-harir"}},
			never: []want{{place: "wof-1327450207"}},
		},
		{
			// "منطقة جسر الشغور" read as the district holds the town's shelling
			name: "a district's event folds into its town's", published: "2018-08-09",
			text:  "قصفت قوات النظام الخميس مدينة جسر الشغور بالمدفعية.\nوأفاد المرصد بأن القصف المدفعي لقوات النظام استهدف الخميس منطقة جسر الشغور في ريف إدلب.",
			want:  []want{{typ: "shelling_artillery_missile_attack", place: "sy-nw-jisr"}},
			count: 1,
		},
		{
			// a definite place noun heads no construct: "بعد أن" is not joined into "بعدان"
			name: "two words after a definite place noun are no joined name", published: "2018-04-19",
			text:  "قصفت طائرات حربية أمس مواقع المسلحين في المنطقة بعد أن انسحبوا من المدينة.",
			never: []want{{place: "wof-1091924513"}},
		},
		{
			// the gazetteer spells Kerch كيرتش; the news writes "ch" as ش too
			name: "a foreign city spelt another way", published: "2018-10-17",
			text: "أودى التفجير الذي وقع أمس بحياة 10 أشخاص في مدينة كيرش في شبه جزيرة القرم.",
			want: []want{{typ: "remote_explosive_landmine_ied", place: "wof-101752473"}},
		},
		{
			// Who's On First writes Mastung مستونغ; the news lengthens its vowel
			name: "a foreign name written with a long vowel", published: "2018-07-14",
			text: "قتل 20 شخصا أمس في تفجير انتحاري استهدف تجمعا انتخابيا في منطقة ماستونغ بإقليم بلوشستان.",
			want: []want{{typ: "suicide_bomb", place: "wof-1108692301"}},
		},
		{
			// "وأماكن في": more targets, not where the first one lies
			name: "places joined by a plural place noun are both targets", published: "2018-02-25",
			text: "وتواصل سقوط قذائف أمس على العاصمة دمشق، استهدف منطقة الدويلعة وأماكن في منطقة العباسيين.",
			want: []want{{typ: "shelling_artillery_missile_attack", place: "sy-o-dam-duwailaa"}, {typ: "shelling_artillery_missile_attack", place: "sy-o-dam-abbasiyyin"}},
		},
		{
			// the warplanes are the subject of "destroyed": an air strike
			name: "warplanes that destroyed positions", published: "2018-04-07",
			text: "وقالت الوكالة إن مقاتلات التحالف العربي دمرت أمس مواقع وتجمعات للميليشيات في مديرية التحيتا.",
			want: []want{{typ: "air_drone_strike", place: "w-ye-tuhayta"}},
		},
		{
			// "في ذات الجبهة": the front named before
			name: "the same front named again", published: "2018-04-08",
			text: "دارت مواجهات السبت بجبهة صرواح.\nوقصفت مدفعية الجيش الأحد مواقع الحوثيين في ذات الجبهة.",
			want: []want{{typ: "shelling_artillery_missile_attack", place: "w-ye-sirwah", date: "2018-04-08"}},
		},
		{
			// the evacuation told before took place under the agreement this sentence names
			name: "an agreement an evacuation told before was under", published: "2018-03-22",
			text: "ودخلت حافلات أمس إلى مدينة حرستا لنقل مقاتلين من حركة أحرار الشام إلى الشمال السوري.\nوتأتي عملية الإجلاء بموجب اتفاق أعلنت عنه الحركة بعد مفاوضات مع روسيا.",
			want: []want{{typ: "agreement", place: "sy-o-rd-harasta"}},
		},
		{
			// Who's On First gives Balochistan no admin1 of its own: it still holds Quetta
			name: "a province named beside its town's attack is that attack", published: "2018-07-26",
			text:  "فجر انتحاري نفسه أمس أمام مركز اقتراع في مدينة كويتا.\nوإلى جانب الهجوم الانتحاري في كويتا، شهد إقليم بلوشستان أمس مقتل شخص واحد بهجوم انتحاري آخر.",
			want:  []want{{typ: "suicide_bomb", name: "كويتا"}},
			count: 1,
		},
		{
			// two weapons joined by "و" strike the same places, both the coalition's
			name: "warplanes and guns of one force", published: "2018-04-07",
			text: "وقالت الوكالة إن مقاتلات ومدفعية التحالف العربي دمرت أمس مواقع وتجمعات للميليشيات في مديرية التحيتا.",
			want: []want{{typ: "air_drone_strike", place: "w-ye-tuhayta", actor1: "SAU.COAL"}, {typ: "shelling_artillery_missile_attack", place: "w-ye-tuhayta", actor1: "SAU.COAL"}},
		},
		{
			// "الضربة" is the strike the sentence told; Tripoli is where the government sits
			name: "a definite word for the strike told before", published: "2018-03-25",
			text:  "وقالت القيادة إن القوات الأميركية نفذت أمس غارة جوية قرب مدينة أوباري جنوب ليبيا، مشيرا إلى أن الضربة نفذت بالتنسيق مع حكومة الوفاق الوطني المعترف بها في طرابلس.",
			want:  []want{{typ: "air_drone_strike", place: "w-ly-ubari"}},
			never: []want{{typ: "air_drone_strike", name: "طرابلس"}, {typ: "shelling_artillery_missile_attack", name: "طرابلس"}},
		},
		{
			// the district borders Jazan: the strikes were not in Saudi Arabia
			name: "a place bordered is not the place", published: "2018-07-17",
			text:  "وشنت طائرات التحالف أمس غارات على تجمعات المليشيات في مدينة حرض المحاذية لمنطقة جازان السعودية.",
			want:  []want{{typ: "air_drone_strike", name: "حرض"}},
			count: 1,
		},
		{
			// "مثلما حدث في حلب", "كما حدث بحاس": compared with, not where it happened
			name: "a place compared with is not the place", published: "2018-04-10",
			text:  "قصفت الطائرات أمس بلدة كفرنبل كما حدث بحاس، وتسعى موسكو إلى اتفاق عبر مفاوضات مثلما حدث في حلب.",
			want:  []want{{typ: "air_drone_strike", place: "sy-nw-kafr-nabl"}},
			count: 1,
		},
		{
			// the plan is future; the bombing it answers happened
			name: "a cause after a plan is told as a fact", published: "2018-05-03",
			text:  "قالت الحكومة إنها سترد في الأيام المقبلة على المسلحين بسبب التفجير الانتحاري في مدينة العريش أمس.",
			want:  []want{{typ: "suicide_bomb", name: "العريش"}},
			count: 1,
		},
		{
			// the speaker goes on: the shooting is where the raid was
			name: "a scene set by the sentence before", published: "2018-05-03",
			text:  "قالت وزارة الداخلية إن قوة أمنية وصلت صباح اليوم إلى منزل في بلدة سرمدا. وتابعت أن المطلوبين بادروا بإطلاق النار على القوة فقتل اثنان منهم.",
			want:  []want{{typ: "armed_clash", name: "سرمدا", date: "2018-05-03"}},
			count: 1,
		},
		{
			// the town the article placed in Daraa stays there when named again
			name: "a name read again keeps its place", published: "2018-07-05",
			text:  "قصفت قوات النظام أمس بلدات النعيمة وصيدا الواقعة في محيط مدينة درعا. وقتل ثلاثة مدنيين في القصف على بلدة صيدا.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "النعيمة"}},
			notIn: "LBN",
			count: 2, // Naima, and Saida told twice
		},
		{
			// the weapon, then the verb of what it did
			name: "rockets that fell", published: "2018-04-30",
			text:  "وقال المرصد إن صواريخ سقطت أمس على مواقع في محيط بلدة كفرنبل.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "كفرنبل"}},
			count: 1,
		},
		{
			// a year and a day of the same strike at the same base are one strike
			name: "one strike told at two precisions", published: "2018-04-10",
			text:  "ودرس المخططون خيارات مثل ما فعلت الولايات المتحدة العام الماضي على مطار الشعيرات بضربات صاروخية.\nوكانت واشنطن قد شنت ضربة صاروخية على مطار الشعيرات في 7 أبريل 2017.",
			want:  []want{{typ: "shelling_artillery_missile_attack", date: "2017-04-07"}},
			count: 1,
		},
		{
			// the crossing is where the reinforcements are meant to go next
			name: "a place an act prepares for", published: "2018-06-29",
			text:  "وأكدت مصادر وصول تعزيزات عسكرية ضخمة لقوات النظام أمس إلى محيط مدينة الصنمين استعدادا لفتح محور عسكري باتجاه مدينة نوى.",
			want:  []want{{typ: "change_to_group_activity", name: "الصنمين"}},
			count: 1,
		},
		{
			// the threat is future; the attack its relative clause tells happened
			name: "a relative clause tells the act happened", published: "2018-04-10",
			text:  "وتوعد الرئيس برد قوي على الهجوم الانتحاري، الذي وقع في مدينة العريش أمس.",
			want:  []want{{typ: "suicide_bomb", name: "العريش"}},
			count: 1,
		},
		{
			// "أسقط 12 قتيلا": the shelling left dead, nothing was shot down
			name: "a toll is not a shoot-down", published: "2018-04-10",
			text:  "وقال المرصد إن قصفا مدفعيا أسقط أمس 12 قتيلا في بلدة كفرنبل.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "كفرنبل"}},
			count: 1,
		},
		{
			// the province beside the district says where it lies: one event
			name: "a province set beside its district", published: "2018-03-14",
			text:  "تمكنت قوات الجيش أمس من تحرير جبال البياض بمديرية نهم محافظة صنعاء.",
			want:  []want{{typ: "government_regains_territory", name: "نهم"}},
			count: 1,
		},
		{
			// Yemen's national army, not Syria's opposition army of that name
			name: "a national army abroad is that country's", published: "2018-03-14",
			text: "وتمكن الجيش الوطني أمس من السيطرة على مدينة حرض.",
			want: []want{{typ: "government_regains_territory", name: "حرض", actor1: "YEM.MIL"}},
		},
		{
			// the town of the "since" clause is where the group was driven out, under a deal
			name: "a since-clause's place is its own", published: "2018-06-09",
			text:  "وكثف التنظيم أمس من هجماته ضد قوات النظام في مدينة البوكمال منذ طرده من أحياء في مدينة الميادين بموجب اتفاق إجلاء لمقاتليه.",
			want:  []want{{typ: "armed_clash", name: "البوكمال"}},
			never: []want{{typ: "armed_clash", name: "الميادين"}},
		},
		{
			// the town underwent the raids the verb before it governs, past the commas
			name: "a place subjected to the act", published: "2018-03-11",
			text:  "تعرضت مدينة دوما، السبت، إلى غارات جوية نفذها النظام السوري وقتل فيها 20 شخصا.",
			want:  []want{{typ: "air_drone_strike", name: "دوما", date: "2018-03-10"}},
			count: 1,
		},
		{
			// "هذا الهجوم" points back to the attack told: no second one where the sentence looks
			name: "an attack pointed back to", published: "2018-07-25",
			text:  "تعرضت ناقلة نفط أمس لهجوم بالمياه الدولية غرب ميناء الحديدة.\nوشدد المتحدث على أن هذا الهجوم يشكل تهديدا لحرية الملاحة بمضيق باب المندب.",
			never: []want{{typ: "armed_clash", name: "باب المندب"}},
		},
		{
			// "وفي أماكن أخرى": the clashes were not where the bombing was
			name: "elsewhere carries no place", published: "2018-07-25",
			text:  "أدى العنف أمس إلى مقتل 31 شخصا.\nإذ فجر انتحاري نفسه أمام مركز اقتراع في مدينة كويتا جنوب غربي البلاد.\nوفي أماكن أخرى قُتل شخصان وجُرح آخرون في انفجار صغير واشتباكات.",
			never: []want{{typ: "armed_clash", name: "كويتا"}},
		},
		{
			// the undated report of the strike on one side of the town is the dated one told again
			name: "a strike told near a town and on its side", published: "2018-03-24",
			text:  "نفذت القوات الأميركية أمس غارة جوية قرب مدينة أوباري وقتلت مسلحين اثنين.\nوكانت مصادر محلية قد قالت إن الغارة استهدفت منزلا شمالي بلدة أوباري ما أسفر عن مقتل 3 أشخاص.",
			want:  []want{{typ: "air_drone_strike", name: "أوباري", date: "2018-03-23"}},
			count: 1,
			toll:  2, // the dated report's own count, not the other source's three
		},
		{
			// one spot between two towns, not an event at each
			name: "between two towns", published: "2018-05-27",
			text:  "قتل فلسطينيان أمس في قصف إسرائيلي على مواقع زراعية بين مدينتي رفح وخان يونس جنوب قطاع غزة.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "بين مدينتي رفح وخان يونس", precision: 2}},
			count: 1,
		},
		{
			// "near Damascus" says where the Ghouta lies: one takeover
			name: "a near place describing the first", published: "2018-03-07",
			text:  "تمكنت قوات النظام أمس من السيطرة على نصف الغوطة الشرقية، آخر معاقل المعارضة بالقرب من العاصمة دمشق.",
			want:  []want{{typ: "government_regains_territory", name: "الغوطة الشرقية"}},
			count: 1,
		},
		{
			// the chemical attack the strike answers says nothing of the strike's kind
			name: "a weapon of another event word", published: "2018-04-09",
			text:  "استهدفت صورايخ فجر الاثنين مطار التيفور العسكري، بعيد تعهد الرئيسين برد قوي على هجوم كيميائي مفترض في دوما.",
			never: []want{{typ: "chemical_weapon", name: "التيفور"}},
		},
		{
			// the downing foiled nothing after its clause; the raid it followed is recalled with its day
			name: "a recalled raid with its day after a downing", published: "2018-10-12",
			text: "وكانت روسيا أرسلت منظومة الدفاع الجوي إلى سوريا بعد حادث إسقاط الطائرة قبالة السواحل السورية، نتيجة غارات المقاتلات الإسرائيلية على اللاذقية، في 17 سبتمبر الماضي.",
			want: []want{{typ: "air_drone_strike", name: "اللاذقية", date: "2018-09-17", actor1: "ISR.MIL"}},
		},
		{
			// the foiling reaches the attack it names, not a raid told further on
			name: "a foiling does not reach a later raid", published: "2018-10-12",
			text: "أحبطت الدفاعات الجوية هجوما بطائرات مسيرة على قاعدة حميميم أمس قبل أن تشن المقاتلات الروسية غارات على بلدة كفرنبل.",
			want: []want{{typ: "disrupted_weapons_use", name: "حميميم"}, {typ: "air_drone_strike", name: "كفرنبل"}},
		},
		{
			// "دخول المدينة": the city the event word governs is the one named before
			name: "the city entered is the one named before", published: "2018-06-09",
			text: "هاجم تنظيم الدولة الإسلامية أمس مدينة البوكمال.\nوتمكن تنظيم الدولة الإسلامية لاحقا من دخول المدينة الواقعة في ريف دير الزور الشرقي.",
			want: []want{{typ: "non_state_actor_overtakes_territory", place: "sy-o-dz-bukamal"}},
		},
		{
			// "مع اقتراب تحرير المدينة": the takeover is coming, not told
			name: "as a takeover approaches", published: "2018-06-19",
			text:  "وأكد سكان أن ميليشيات الحوثي قطعت أمس مياه الشرب عن سكان مدينة الحديدة، وسط غضب بين المواطنين على انتهاكات الميليشيات، التي تضاعفت في ظل مخاوفها من انتفاضة شعبية ضدها مع اقتراب تحرير المدينة.",
			never: []want{{typ: "non_state_actor_overtakes_territory"}, {typ: "government_regains_territory"}},
		},
		{
			// the Ghouta of the relative clause says where Douma lies: one event
			name: "a place in a relative clause about the first", published: "2018-04-15",
			text:  "وجهت الدول الثلاث ضربة صاروخية فجر السبت.\nوذلك ردا على الهجوم الكيماوي الذي وقع الأسبوع الماضي في مدينة دوما، التي كانت آخر جيوب المعارضة السورية في الغوطة الشرقية قرب دمشق.",
			want:  []want{{typ: "chemical_weapon", name: "دوما"}},
			never: []want{{typ: "chemical_weapon", name: "الغوطة"}},
		},
		{
			// "قرب دمشق" says what the Ghouta is near, not which province holds it
			name: "a place near a city in another province", published: "2018-02-19",
			text:  "قتل 80 مدنيا أمس في غارات على الغوطة الشرقية قرب دمشق.",
			want:  []want{{typ: "air_drone_strike", place: "sy-o-rd-ghouta-east"}},
			count: 1,
		},
		{
			// the meeting struck is the target, not a stronger word for what happened
			name: "a strike on a meeting", published: "2018-01-19",
			text: "وجهت قوات التحالف أمس ضربة جوية دقيقة استهدفت اجتماعا لقادة التنظيم في بلدة كفرنبل.",
			want: []want{{typ: "air_drone_strike", name: "كفرنبل"}},
		},
		{
			// the activist's hometown is where the assassination befell, not where anyone came from
			name: "a person from a town", published: "2018-04-18",
			text: "قالت مصادر إن وحدة إسرائيلية خاصة اغتالت أمس ناشطا في الحركة من بلدة قباطية شرق مدينة جنين.",
			want: []want{{typ: "attack", name: "قباطية"}},
		},
		{
			// "بالقاهرة": a fused preposition makes the capital the place, not the state acting
			name: "a capital with a fused preposition", published: "2018-08-11",
			text: "كما وقع هجوم على كنيسة ملحقة بالكاتدرائية المرقسية بالقاهرة في ديسمبر 2016 وقتل فيه 28 شخصا.",
			want: []want{{typ: "attack", name: "القاهرة", date: "2016-12"}},
		},
		{
			// "بادية": the desert of a province, a region like its countryside
			name: "the desert of a province", published: "2018-06-08",
			text: "قتل أمس 22 مقاتلا مواليا للنظام في هجمات شنها التنظيم ضد مواقع لهم في بادية محافظة السويداء.",
			want: []want{{typ: "armed_clash", precision: 3}},
		},
		{
			// taking control with words between the noun and its "على"; "منذ ثلاثة أعوام" measures time, it cuts nothing
			name: "control taken for the first time in years", published: "2018-07-05",
			text: "وتمكنت قوات النظام الخميس من السيطرة للمرة الأولى منذ أكثر من ثلاثة أعوام على نقطة على الحدود جنوب مدينة بصرى الشام.",
			want: []want{{typ: "government_regains_territory", name: "بصرى الشام", actor1: "SYR.GOV"}},
		},
		{
			// a bomb among football spectators is still a bombing
			name: "a bomb during a match", published: "2018-06-15",
			text: "قتل خمسة أشخاص أمس في انفجار عبوة ناسفة في بلدة براوة الساحلية حين كان سكان يشاهدون مباراة لكرة القدم.",
			want: []want{{typ: "remote_explosive_landmine_ied", name: "براوة"}},
		},
		{
			// the strike was on Gaza; Sderot is where the fire it answered fell
			name: "the place of what a strike answered", published: "2018-05-16",
			text:  "شن الجيش الإسرائيلي أمس غارة جوية على منشآت لحركة حماس في مدينة غزة ردا على حادثة وقعت في مدينة سديروت.",
			want:  []want{{typ: "air_drone_strike", name: "غزة", actor1: "ISR.MIL"}},
			count: 1,
		},
		{
			// the strike answers the attack told in the sentence before: it does
			// not carry that attack's place, which its answer-clause names
			name: "an answer does not go on at the place it answers", published: "2018-10-02",
			text:  "قتل 25 شخصا في هجوم مسلح على عرض عسكري في مدينة الأحواز السبت.\nوشن الحرس الثوري فجر الإثنين هجوما صاروخيا على مقر الإرهابيين بسوريا، ردا على هجوم الأحواز.",
			want:  []want{{typ: "armed_clash", name: "الأحواز"}},
			never: []want{{typ: "shelling_artillery_missile_attack", name: "الأحواز"}},
		},
		{
			// "، بل" opens another clause: its place is the talks', told after it;
			// talks right after an arrival "إلى دمشق" are held there; the speaker
			// telling of them is a party, not the patrol of the sentence before
			name: "talks after an arrival, in a clause of contrast", published: "2018-04-18",
			text:  "تعرضت دورية للشرطة العسكرية الروسية لإطلاق نار في مدينة دوما أمس.\nولم تورد الوكالة أي تفاصيل عن تعرض الدورية لإطلاق النار، بل أوردت خبرا بأن وزير الخارجية السوري فيصل المقداد أكد الثلاثاء أنه \"بعد وصول الوفد إلى دمشق تم عقد عدة اجتماعات مع الوفد الأممي لمناقشة التعاون بين الجانبين\".",
			want:  []want{{typ: "consult", name: "دمشق", actor1: "SYR.GOV"}},
			never: []want{{typ: "armed_clash", name: "دمشق"}},
		},
		{
			// Saida of Daraa and Sidon of Lebanon: the article's province chooses
			name: "a town named like a city abroad, in its province", published: "2018-07-05",
			text: "قتل ستة مدنيين جراء غارات جوية على بلدة صيدا في ريف درعا الشرقي أمس.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-da-sayda"}},
		},
		{
			name: "the city abroad, in its country", published: "2018-07-05",
			text: "شنت طائرات إسرائيلية أمس غارة على مدينة صيدا في جنوب لبنان.",
			want: []want{{typ: "air_drone_strike", place: "x-sidon"}},
		},
		{
			// the place a past "شهدت" names is the scene of the event word after
			// the comma, not the place of the sentence before; the second of two
			// event words joined by "و" shares it
			name: "a place that witnessed what follows", published: "2018-07-15",
			text:  "واستهدفت غارات التحالف أمس مواقع للحوثيين بمدينة الحديدة.\nكما شهدت المناطق الواقعة جنوب غربي الدريهمي جنوب الحديدة، اشتباكات وتبادلا للقصف بين ألوية العمالقة والمتمردين الحوثيين.",
			want:  []want{{typ: "armed_clash", name: "الدريهمي"}, {typ: "shelling_artillery_missile_attack", name: "الدريهمي"}},
			never: []want{{typ: "armed_clash", name: "مدينة الحديدة"}, {typ: "shelling_artillery_missile_attack", name: "مدينة الحديدة"}},
		},
		{
			// a present "تشهد" tells a state: the raid is in Latakia's countryside
			name: "a place that is witnessing a state", published: "2020-03-01",
			text:  "وتشهد محافظة إدلب في الوقت الحالي هدوءا حذرا، كسرته أمس غارات جوية من الطيران الحربي الروسي على مواقع فصائل المعارضة في الريف الشمالي للاذقية.",
			never: []want{{typ: "air_drone_strike", name: "إدلب"}},
		},
		{
			// a country a qualifier follows is still the country, not a village
			// of the qualifier's province the gazetteer lacks
			name: "a country before a province", published: "2018-07-15",
			text:  "شنت مقاتلات التحالف العربي لدعم الشرعية في اليمن أمس غارات استهدفت مواقع ميليشيات الحوثي بمديرية الحالي في الحديدة غربي اليمن.",
			want:  []want{{typ: "air_drone_strike", name: "الحالي"}},
			never: []want{{typ: "air_drone_strike", name: "اليمن"}},
		},
		{
			// the state accused is the doer, not a place that was hit
			name: "a state accused", published: "2018-09-09",
			text: "اتهم رئيس مركز المصالحة الروسي في سوريا، فلاديمير سافتشينكو، الولايات المتحدة الأمريكية باستخدام قنابل فوسفورية بقصف مدينة هجين التابعة لمحافظة دير الزور السورية بغارات جوية شنتها مقاتلتا F-15 أمريكيتان، السبت، وفقا لما نقلته وكالة الأنباء الروسية الأحد.",
			want: []want{{typ: "air_drone_strike", name: "هجين", actor1: "USA.MIL"}},
		},
		{
			// "ميادين" (squares) and "فرقة" (a squad, not ف + "رقة") are no
			// الميادين or الرقة: those names are places only with their article
			name: "names that are places only with their article", published: "2018-09-03",
			text:  "وألقت السلطات القبض على المرأتين في أحد ميادين مدينة كوالالمبور أمس، كما اعتقلت فرقة من الشرطة خمسة أشخاص في مدينة طهران.",
			never: []want{{place: "sy-o-dz-mayadin"}, {place: "sy-o-raqqa"}},
		},
		{
			name: "a name with its article, after a preposition", published: "2018-09-03",
			text: "قصفت طائرات التحالف أمس مواقع بالرقة وشنت غارات على الميادين.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-dz-mayadin"}, {place: "sy-o-raqqa"}},
		},
		{
			// "قصفت مدفعية الجيش": the artillery says what kind the verb is, so
			// the shelling is an event of its own beside the clashes
			name: "a generic verb whose weapon names its kind", published: "2018-04-08",
			text: "وأفاد الجيش أن مواجهات دارت أمس مع الميليشيا في جبهة صرواح، كما قصفت مدفعية الجيش مواقعهم وتجمعاتهم في ذات الجبهة.",
			want: []want{{typ: "armed_clash", name: "صرواح"}, {typ: "shelling_artillery_missile_attack", place: "w-ye-sirwah"}},
		},
		{
			// a place that opens the sentence after "في" is its scene, past the
			// comma and the reporting verb
			name: "a place the sentence opens with", published: "2008-01-30",
			text: "وفي الموصل (370 كلم شمال بغداد)، أعلن الجيش الأمريكي مقتل شخص وإصابة 15 آخرين أمس في هجوم انتحاري بسيارة مفخخة.",
			want: []want{{typ: "suicide_bomb", name: "الموصل"}},
		},
		{
			// a bare "العاصمة" is the capital of the country the article names
			name: "the capital of the story's country", published: "2018-09-05",
			text: "أعلنت بعثة الأمم المتحدة للدعم في ليبيا أمس التوصل إلى وقف لإطلاق النار في العاصمة بعد اشتباكات بين الميليشيات في ليبيا.",
			want: []want{{typ: "ceasefire", place: "x-tripoli-ly"}},
		},
		{
			// "العاصمة" before a name is that name's, not the country's
			name: "a capital named after the word", published: "2018-10-10",
			text:  "وأقسم قادة الحزب الشيوعي الصيني في العاصمة أورومكي أمس على خوض معركة حاسمة ضد منتجات الحلال في الصين.",
			never: []want{{place: "x-beijing"}},
		},
		{
			// where the hurt were taken, and where an embassy moves, are no scenes
			name: "taken to a hospital", published: "2018-03-03",
			text:  "أصيب مزارع برصاص جنود الاحتلال شرق خان يونس أمس، ونقل على إثرها إلى مستشفى ناصر في المدينة.\nوقتل 60 فلسطينيا أمس برصاص الجيش الإسرائيلي خلال احتجاجات في قطاع غزة على نقل السفارة الأمريكية إلى القدس.",
			never: []want{{place: "w-ps-nasser-hospital"}, {place: "x-jerusalem"}},
		},
		{
			// the ends of a supply line name the line, not where it was taken
			name: "the ends of a supply line", published: "2018-06-20",
			text:  "ونجحت قوات الجيش أمس في السيطرة على مطار الحديدة وقطع خط إمداد الحوثيين بين الحديدة وصنعاء.",
			want:  []want{{typ: "government_regains_territory", name: "مطار الحديدة"}},
			never: []want{{place: "x-sanaa"}},
		},
		{
			// "مواليا للنظام" tells whom the dead were loyal to: not the doer
			name: "the side the dead were loyal to", published: "2018-06-08",
			text:  "وقتل 45 مسلحا مواليا للنظام أمس جراء هجمات متتالية للتنظيم المتطرف ضد قوات النظام في قرى شمال غرب البوكمال.",
			want:  []want{{typ: "armed_clash", name: "البوكمال"}},
			never: []want{{actor1: "SYR.GOV"}},
		},
		{
			// where the reporting correspondent sits is no scene, wherever the
			// event word stands; the object of the verb after a source is
			name: "a correspondent's seat", published: "2018-07-14",
			text:  "وانطلقت مظاهرة أمس قرب منفذ سفوان الحدودي مع الكويت، وفق ما أفاد مراسل \"سكاي نيوز عربية\"، في بغداد.\nواستهدفت الطائرات الحربية السورية وفق المرصد، مدينة درعا طوال ليل الثلاثاء بالبراميل المتفجرة.",
			want:  []want{{typ: "peaceful_protest", place: "w-iq-safwan"}, {typ: "air_drone_strike", place: "sy-o-daraa"}},
			never: []want{{place: "x-baghdad"}},
		},
		{
			// the armed group the raid targeted flies no air strike
			name: "no air raid by a group without aircraft", published: "2018-02-25",
			text:  "وشنت مقاتلات التحالف العربي أمس غارات على مواقع الحوثيين في مديرية صرواح.\nكما طالت الغارات تعزيزات للانقلابيين ومواقع في منطقة ميسرة بمديرية نهم.",
			want:  []want{{typ: "air_drone_strike", name: "نهم", actor1: "SAU.COAL"}},
			never: []want{{actor1: "HOUTHI"}},
		},
		{
			// those who reject a shelling are not where it happened
			name: "a rejection of a shelling", published: "2018-09-11",
			text:  "وأعربت بغداد وأربيل أمس عن رفضهما للقصف الإيراني الذي استهدف منطقة كويسنجق في إقليم كردستان العراق.",
			never: []want{{place: "x-erbil"}},
		},
		{
			// a purpose after the event word does not undo it: the raids happened
			name: "arrests made for a purpose", published: "2018-05-05",
			text: "وشنت قوات النظام أمس حملات دهم واعتقال موسعة بهدف التجنيد في مدينة حماة.",
			want: []want{{typ: "arrests", name: "حماة"}},
		},
		{
			// "دورية" is a patrol, not "دوري" + "ه" (his league): no match is told
			name: "a patrol is no league", published: "2018-04-18",
			text: "تعرضت دورية للجيش لإطلاق نار في مدينة دوما أمس.",
			want: []want{{typ: "armed_clash", name: "دوما"}},
		},
		{
			// the patrol is what the bomb hit, not a deployment of its own
			name: "a patrol hit by a bomb", published: "2018-07-01",
			text:  "قتل مدنيان أمس في هجوم بسيارة ملغومة صدمت دورية عسكرية مشتركة في مدينة غاو شمالي مالي.",
			want:  []want{{typ: "attack", name: "غاو"}},
			never: []want{{typ: "change_to_group_activity", name: "غاو"}},
		},
		{
			// the only خيبر known is a Yemeni village: not in a story of Pakistan
			name: "a village namesake abroad is no place", published: "2018-07-25",
			text:  "انفجرت قنبلة يدوية أمس في خيبر وقتل شخص، بعد هجوم انتحاري في مدينة كويتا الباكستانية.",
			want:  []want{{typ: "suicide_bomb", name: "كويتا"}},
			count: 1,
		},
		{
			// "بعد يومين من": the strike was two days before the Sunday the sentence tells
			name: "an event dated by how long before", published: "2018-04-15",
			text: "حذر وزير إسرائيلي الأحد من التصعيد، وذلك بعد يومين من قصف مطار التيفور العسكري.",
			want: []want{{typ: "shelling_artillery_missile_attack", name: "التيفور", date: "2018-04-13"}},
		},
		{
			// 'بعد "عام تقريبا على': a year before, past quotes and "about"
			name: "an event a year before, the span quoted and hedged", published: "2018-04-08",
			text: "وقال البيان إن ذلك يأتي بعد \"عام تقريبا على القصف الكيماوي على بلدة خان شيخون\".",
			want: []want{{typ: "chemical_weapon", name: "خان شيخون", date: "2017-04-08"}},
		},
		{
			// "بعد أسابيع من": some weeks, not one: the day stays the sentence's
			name: "an uncounted span of weeks dates nothing back", published: "2018-05-17",
			text:  "وتأتي الغارة الخميس بعد أسابيع من القصف المتبادل على مدينة بنغازي.",
			never: []want{{date: "2018-05-10"}},
		},
		{
			// "قبل نحو أسبوع" and "السبت الماضي": one attack told at two precisions
			name: "an event about a week ago folds into the same one's day", published: "2018-04-13",
			text:  "قالت المنظمة إن هجوما بغاز الكلور استهدف مدينة دوما قبل نحو أسبوع.\nوقتل في الهجوم الكيماوي على مدينة دوما السبت الماضي أكثر من 40 شخصا.",
			want:  []want{{typ: "chemical_weapon", name: "دوما", date: "2018-04-07"}},
			count: 1,
		},
		{
			// a source that could not tell whose aircraft struck foiled nothing
			name: "unable to tell who struck is no foiling", published: "2018-07-18",
			text:  "وقال المرصد إن قصفا جويا استهدف مساء الثلاثاء مدينة نوى من دون أن يتمكن من تحديد هوية الطائرات.",
			want:  []want{{typ: "air_drone_strike", name: "نوى"}},
			never: []want{{typ: "disrupted_weapons_use"}},
		},
		{
			// the city's blast stays in the city: the province's campaign of
			// killings is another story
			name: "a bare city's blast is not folded into its province's other attacks", published: "2018-05-13",
			text: "قتلى بانفجار في إدلب\n\nقتل 6 أشخاص وأصيب 15 آخرون، الأحد، من جراء انفجار استهدف مستشفى إدلب وسط المدينة الواقعة شمالي سوريا.\nوشهدت محافظة إدلب خلال الأسبوعين الماضيين عمليات اغتيال وتصفيات بين الفصائل المسلحة التي خرجت من مناطق الصراع، بعد رفضها اتفاقات التسوية مع النظام.",
			want: []want{{typ: "remote_explosive_landmine_ied", place: "sy-nw-idlib"}},
		},
		{
			// "هجمة جوية", singular as the plural "هجمات جوية"
			name: "an air attack named in the singular", published: "2018-06-28",
			text: "ونفذت الطائرات الروسية أمس 35 هجمة جوية على بلدة المسيفرة.",
			want: []want{{typ: "air_drone_strike", name: "المسيفرة"}},
		},
		{
			// "كما جرت العادة" tells what Damascus usually does, in its own clause
			name: "a habitual clause after the event leaves the event", published: "2018-04-30",
			text: "وتعرضت قاعدة الشعيرات أمس لقصف إسرائيلي أسفر عن مقتل سبعة عناصر، وكما جرت العادة تعهدت دمشق بالرد.",
			want: []want{{typ: "shelling_artillery_missile_attack", name: "الشعيرات"}},
		},
		{
			// "باستثناء": the towns left out are not where it happened
			name: "places named as exceptions are not the scene", published: "2018-07-19",
			text:  "وسيطرت الفصائل المعارضة أمس على كامل المنطقة باستثناء بلدتي الفوعة وكفريا.",
			never: []want{{place: "sy-nw-foua"}, {place: "sy-nw-kafriya"}},
		},
		{
			// "فيلق القدس" is Iran's Quds Force: it does not make the story
			// one of Jerusalem, where a Syrian town would need a place noun
			name: "a city's name inside an actor's does not set the story's country", published: "2018-05-10",
			text: "وقال البيان إن فيلق القدس الإيراني يدير المواقع.\nواستهدفت الضربة الإسرائيلية مجمعا عسكريا في الكسوة.",
			want: []want{{place: "sy-o-rd-kiswah"}},
		},
		{
			// "أغارت": the verb of an air raid
			name: "an air raid told by its verb", published: "2018-05-10",
			text: "وقال الجيش إن مقاتلاته أغارت أمس على مواقع للمسلحين في بلدة كفرنبل.",
			want: []want{{typ: "air_drone_strike", name: "كفرنبل"}},
		},
		{
			// "صواريخ على مواقع إسرائيلية": Israel's positions were the target
			name: "a nationality after a preposition is the target's", published: "2018-05-11",
			text:  "أطلقت القوات الإيرانية ليل الأربعاء صواريخ على مواقع إسرائيلية في هضبة الجولان.",
			never: []want{{actor1: "ISR.MIL"}},
		},
		{
			// "انسحب … باتجاه مخيم اليرموك": where they went, not where they fought
			name: "the place those who withdrew headed for is not the scene", published: "2018-05-04",
			text:  "واندلعت اشتباكات أمس بين قوات النظام ومسلحي التنظيم في حي الحجر الأسود، حيث انسحب أفراد التنظيم باتجاه مخيم اليرموك.",
			want:  []want{{typ: "armed_clash", place: "sy-o-rd-hajar-aswad"}},
			never: []want{{place: "sy-o-dam-yarmouk-camp"}},
		},
		{
			// the governorate a region is said to lie in folds into the region's event
			name: "a governorate's event folds into its region's", published: "2018-03-08",
			text:  "قصفت قوات النظام أمس الغوطة الشرقية.\nوقال المرصد إن قوات النظام قصفت أمس ريف دمشق.",
			want:  []want{{typ: "shelling_artillery_missile_attack", place: "sy-o-rd-ghouta-east"}},
			count: 1,
		},
		{
			// "منطقة صحراوية من محافظة السويداء": a part of the province, not a start from it
			name: "an area of a province, an adjective between", published: "2018-06-07",
			text: "وقتل تسعة مسلحين أمس في اشتباكات دارت في منطقة صحراوية من محافظة السويداء.",
			want: []want{{typ: "armed_clash", place: "sy-adm-gov-suwayda"}},
		},
		{
			// "الضفة الغربية لنهر الفرات" is the river's bank
			name: "a river's west bank is not the West Bank", published: "2018-06-07",
			text:  "وهاجم مسلحو التنظيم أمس قرى في الضفة الغربية لنهر الفرات في شرق سوريا.",
			never: []want{{place: "x-west-bank"}},
		},
		{
			// a comma between, or the river named bare after "لل": still the river's bank
			name: "a river's west bank, a comma or a bare river between", published: "2018-06-05",
			text:  "قتل 45 مسلحا مواليا للنظام أمس جراء هجمات شنها تنظيم داعش على قرى في الضفة الغربية، لنهر الفرات، في شرق سوريا.\nوقصفت قوات النظام أمس قرى على الضفة الغربية للفرات في ريف دير الزور.",
			never: []want{{place: "x-west-bank"}},
		},
		{
			// "مسيرة" after those who walk in it is a march, not a drone
			name: "a march walked in is no drone", published: "2018-04-01",
			text:  "قتل الجيش الإسرائيلي أمس شابين فلسطينيين شاركوا في \"مسيرة العودة الكبرى\" شرق مدينة غزة.\nواعتدت قوات الاحتلال أمس بالضرب على مشاركين في مسيرة عند باب الخليل في مدينة القدس.",
			never: []want{{typ: "air_drone_strike"}},
		},
		{
			// an unnamed source speaks; the subject after "إن/أن" acts
			name: "the reported clause's subject acts, it does not speak", published: "2018-05-01",
			text: "وقالت مصادر إن طائرات أمريكية قصفت أمس مواقع لتنظيم داعش في بلدة هجين.\nوأكد مصدر عسكري أن قوات النظام قصفت أمس بلدة كفرنبل.",
			want: []want{{typ: "air_drone_strike", place: "sy-o-dz-hajin", actor1: "USA.MIL"}, {place: "sy-nw-kafr-nabl", actor1: "SYR.GOV"}},
		},
		{
			// "بعد سيطرتها على": the pronoun's antecedent took the place
			name: "a takeover whose doer is a pronoun", published: "2018-06-22",
			text: "وتسعى القوات المشتركة بعد سيطرتها على مطار الحديدة للتقدم نحو المدينة لتحريرها.",
			want: []want{{typ: "government_regains_territory", place: "w-ye-hodeidah-airport", actor1: "YEM.MIL"}},
		},
		{
			// a span of counted years governs its own clause: the last attack, told after it, stays
			name: "a span of years governs its clause only", published: "2018-06-12",
			text: "وتعيش باريس في حالة تأهب في أعقاب سلسلة الهجمات التي شنها مسلحون في السنوات الثلاث الماضية، وكان آخرها هجوم شخص مسلح بسكين في مدينة باريس في الشهر الماضي والذي قتل فيه شخص واحد.",
			want: []want{{typ: "attack", place: "x-paris", date: "2018-05"}},
		},
		{
			// the air defence that intercepted the missile did not launch it
			name: "an interceptor is not the launcher", published: "2018-04-13",
			text:  "الدفاع الجوي السعودي يعترض صاروخا أطلق من اليمن\nاعترضت قوات الدفاع الجوي السعودي، الجمعة، صاروخا بالستيا أطلق من الأراضي اليمنية باتجاه مدينة جازان، جنوبي المملكة.",
			never: []want{{typ: "shelling_artillery_missile_attack", actor1: "SAU.MIL"}},
		},
		{
			// a missile intercepted is disrupted weapons use, as gold codes Iron Dome's interceptions; the interceptor does it
			name: "an interceptor meets the missile a launcher fired", published: "2018-04-17",
			text:  "الدفاعات الجوية السعودية تعترض صاروخاً بالستياً أطلقه الحوثيون باتجاه نجران",
			want:  []want{{typ: "disrupted_weapons_use", place: "w-sa-najran", actor1: "SAU.MIL"}},
			never: []want{{actor1: "HOUTHI"}},
		},
		{
			// "الصحراء الغربية" of a story of Egypt is Egypt's Western Desert; of Morocco, Western Sahara
			name: "the Western Desert of Egypt", published: "2018-03-15",
			text: "مصر: مقتل ثمانية مسلحين في الصحراء الغربية\nقتل الجيش المصري أمس ثمانية مسلحين في اشتباكات بالصحراء الغربية قرب الحدود مع ليبيا، بحسب بيان للمتحدث العسكري.",
			want: []want{{typ: "armed_clash", place: "x-eg-western-desert"}},
		},
		{
			name: "Western Sahara in a story of Morocco", published: "2018-03-15",
			text: "اندلعت أمس اشتباكات بين مقاتلي جبهة البوليساريو والجيش المغربي في الصحراء الغربية.",
			want: []want{{typ: "armed_clash", place: "w-eh-western-sahara"}},
		},
		{
			// "حي باب طبرق" is a quarter of Derna, not Tobruk
			name: "a gate or quarter named for the town it faces", published: "2018-06-01",
			text:  "وقال المتحدث إن الجيش الوطني الليبي سيطر أمس على منطقة الفتايح في درنة وعلى تلال استراتيجية تطل على حي باب طبرق.",
			want:  []want{{place: "w-ly-derna"}},
			never: []want{{place: "w-ly-tobruk"}},
		},
		{
			// the aviation backs the army: the army took the ground
			name: "a backer is not the doer", published: "2018-04-08",
			text: "تمكنت قوات الجيش اليمني، مسنودة بطيران التحالف، أمس من السيطرة على مواقع جديدة في مديرية صرواح.",
			want: []want{{typ: "government_regains_territory", actor1: "YEM.MIL"}},
		},
		{
			name: "the province named before, by back-reference", published: "2018-04-10",
			text:  "تشهد محافظة درعا تصعيدا عسكريا. وشنت الطائرات الروسية أمس غارات على المحافظة أسفرت عن مقتل أربعة مدنيين.",
			want:  []want{{typ: "air_drone_strike", place: "sy-adm-gov-daraa", actor1: "RUS.MIL", precision: 3}},
			count: 1,
		},
		{
			// the town handed over is the one the fighters left, not where they head
			name: "fighters leave a town under a deal", published: "2018-04-10",
			text:  "خرجت أمس الدفعة الأولى من مقاتلي جيش الإسلام من مدينة دوما باتجاه الشمال السوري بموجب اتفاق مع الجانب الروسي.",
			want:  []want{{typ: "non_violent_transfer_of_territory", name: "دوما"}},
			count: 1,
		},
		{
			// "مصدرهما": where the rockets came from is no second event
			name: "the launch site of rockets that fell", published: "2018-04-10",
			text:  "سقط صاروخان أمس في حي المزة بدمشق مصدرهما الغوطة الشرقية.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "المزة"}},
			count: 1,
		},
		{
			// "قصف" said no kind of attack: the headline is the body's air strikes, at their region
			name: "a headline's generic word folds into the body's attacks", published: "2018-02-20",
			text:  "مقتل 20 مدنيا بقصف للنظام على الغوطة الشرقية\n\nقتل 20 مدنيا على الأقل أمس جراء غارات جوية شنتها طائرات النظام على بلدتي حمورية وسقبا في الغوطة الشرقية.",
			want:  []want{{typ: "air_drone_strike", name: "حمورية"}, {typ: "air_drone_strike", name: "سقبا"}},
			count: 2,
		},
		{
			// the base is both a Russian actor and the place: it was hit, it did not strike
			name: "a base named as the place is the target", published: "2018-09-08",
			text:  "استهدفت طائرات مسيرة قاعدة حميميم الروسية أمس.",
			want:  []want{{typ: "air_drone_strike", place: "sy-nw-hmeimim", actor2: "RUS.MIL"}},
			count: 1,
		},
		{
			// the bare town name in the toll clause is the town the dual named, one event
			name: "a town re-named bare is the same town", published: "2018-09-08",
			text:  "قصفت قوات النظام بلدتي كفرزيتا واللطامنة في ريف حماة الشمالي أمس، ما أسفر عن مقتل مدنيين اثنين في كفرزيتا.",
			want:  []want{{typ: "shelling_artillery_missile_attack", place: "sy-nw-kafr-zita"}, {typ: "shelling_artillery_missile_attack", place: "sy-nw-latamina"}},
			count: 2,
		},
		{
			// the fired word stands five words before the weapon, in its clause
			name: "shells fired from one town on another", published: "2018-09-08",
			text:  "أطلق مسلحون من بلدة اللطامنة قذائف صاروخية على مدينة محردة في ريف حماة أمس.",
			want:  []want{{typ: "shelling_artillery_missile_attack", place: "sy-nw-muhradah"}},
			count: 1,
		},
		{
			name: "drones destroyed before they struck", published: "2018-05-10",
			text:  "دمرت الدفاعات الجوية الروسية طائرتين مسيرتين قرب قاعدة حميميم أمس.",
			want:  []want{{typ: "disrupted_weapons_use", place: "sy-nw-hmeimim"}},
			count: 1,
		},
		{
			name: "planes that destroy strike", published: "2018-05-10",
			text:  "دمرت طائرات حربية أمس جسرا في بلدة كفرنبل.",
			want:  []want{{typ: "air_drone_strike", name: "كفرنبل"}},
			count: 1,
		},
		{
			// Gaza has no army: an unnamed one striking there is Israel's
			name: "an unnamed army in Gaza", published: "2018-07-14",
			text:  "وقصف الجيش أمس موقعا في مدينة خان يونس.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "خان يونس", actor1: "ISR.MIL"}},
			count: 1,
		},
		{
			// in Yemen the militias named by their backer are the Houthis; in Syria they stay Iran's
			name: "Iran-backed militias in Yemen", published: "2020-05-01",
			text:  "قصفت الميليشيات الموالية لإيران مدينة تعز بقذائف الهاون.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "تعز", actor1: "HOUTHI"}},
			count: 1,
		},
		{
			name: "Iran-backed militias in Syria", published: "2020-05-01",
			text:  "قصفت الميليشيات الموالية لإيران مدينة دير الزور بقذائف الهاون.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "دير الزور", actor1: "IRN.MIL"}},
			count: 1,
		},
		{
			// a verbal noun's possessive pronoun is its doer: the state named before it
			name: "the possessor of a verbal noun", published: "2020-05-01",
			text:  "ردت تركيا على ذلك بإطلاقها قذائف مدفعية على قرية تل رفعت في ريف حلب الشمالي.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "تل رفعت", actor1: "TUR.MIL"}},
			count: 1,
		},
		{
			name: "the possessor of a verbal noun after a reporting verb", published: "2020-05-01",
			text:  "وقالت الوكالة إن إسرائيل خرقت الهدنة بقصفها مواقع في بلدة بيت حانون شمال قطاع غزة.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "بيت حانون", actor1: "ISR.MIL"}},
			count: 1,
		},
		{
			// the date of the next clause ("، وبنفس اليوم من عام 2017") is not the takeover's: 1918 is, too old to report
			name: "a century-old takeover dated by its own clause", published: "2018-10-02",
			text:  "في 1 أكتوبر/تشرين أول من عام 1918 تمكنت القوات العربية بقيادة لورنس العرب من السيطرة على مدينة دمشق، في الحرب العالمية الأولى، وبنفس اليوم من عام 2017، أسفرت حادثة إطلاق في لاس فيغاس عن مقتل 58 شخصاً.",
			never: []want{{typ: "government_regains_territory"}, {typ: "non_state_actor_overtakes_territory"}},
		},
		{
			// who holds the town describes it: the side attacked, not the doer
			name: "the holder of a place is no doer", published: "2018-04-08",
			text:  "قالت مصادر أميركية إن أسلحة كيماوية استخدمت أمس في هجوم على مدينة دوما الخاضعة لسيطرة المعارضة.",
			want:  []want{{typ: "chemical_weapon", name: "دوما", actor2: "SYR.OPP"}},
			count: 1,
		},
		{
			// "زايدا" is kept only as "قرية زايدا"; the dual noun governs the list
			name: "a plural place noun governs a qualified name", published: "2018-07-05",
			text: "قصفت الطائرات الحربية قريتي النعيمة وزايدا في ريف درعا.",
			want: []want{{typ: "air_drone_strike", name: "النعيمة"}, {typ: "air_drone_strike", place: "wof-1193129817"}},
		},
		{
			name: "verb first with a foreign air force", published: "2021-03-12",
			text:  "قصفت طائرات حربية روسية صباح اليوم بلدة كفرنبل في ريف إدلب الجنوبي.",
			want:  []want{{typ: "air_drone_strike", name: "كفرنبل", actor1: "RUS.MIL", date: "2021-03-12", precision: 1}},
			count: 1,
		},
		{
			name: "a list of shelled villages is one event per village", published: "2021-03-12",
			text: "قصفت قوات النظام بالمدفعية الثقيلة أمس قرى الفطيرة وسفوهن وكنصفرة في جبل الزاوية.",
			want: []want{
				{typ: "shelling_artillery_missile_attack", name: "الفطيرة", actor1: "SYR.GOV", date: "2021-03-11"},
				{typ: "shelling_artillery_missile_attack", name: "سفوهن", actor1: "SYR.GOV"},
				{typ: "shelling_artillery_missile_attack", name: "كنصفرة", actor1: "SYR.GOV"},
			},
			count: 3,
		},
		{
			name: "a bare city named like its province is the city", published: "2020-01-10",
			text:  "قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على درعا أمس.",
			want:  []want{{typ: "shelling_artillery_missile_attack", place: "sy-o-daraa", precision: 1, date: "2020-01-09"}},
			count: 1,
		},
		{
			name: "the countryside of two provinces", published: "2020-01-10",
			text: "شنت الطائرات الروسية أمس غارات على ريفي حماة واللاذقية.",
			want: []want{
				{typ: "air_drone_strike", name: "حماة", precision: 3},
				{typ: "air_drone_strike", name: "اللاذقية", precision: 3},
			},
			count: 2,
		},
		{
			name: "two days joined in one sentence are two events", published: "2018-08-10",
			text: "وشنت طائرات إسرائيلية غارات ليل الأربعاء ويوم الخميس على أكثر من 150 هدفا في غزة.",
			want: []want{
				{typ: "air_drone_strike", name: "غزة", date: "2018-08-08"},
				{typ: "air_drone_strike", name: "غزة", date: "2018-08-09"},
			},
			count: 2,
		},
		{
			name: "an attack on a church is violence against civilians", published: "2018-04-10",
			text:  "وقع هجوم على كنيسة في مدينة طنطا أمس وقتل فيه 28 شخصا.",
			want:  []want{{typ: "attack", name: "طنطا", date: "2018-04-09"}},
			count: 1,
		},
		{
			name: "planes that destroyed a building struck it", published: "2018-08-10",
			text:  "ودمرت طائرات إسرائيلية مساء الخميس مبنى في مدينة غزة بعدد من الصواريخ.",
			want:  []want{{typ: "air_drone_strike", name: "غزة", date: "2018-08-09", actor1: "ISR.MIL"}},
			count: 1,
		},
		{
			name: "chemical spelt كيمياوي", published: "2018-04-10",
			text:  "اتهمت واشنطن النظام بشن هجوم كيمياوي على مدينة دوما أمس.",
			want:  []want{{typ: "chemical_weapon", name: "دوما"}},
			never: []want{{typ: "chemical_weapon", name: "الغوطة"}},
		},
		{
			name: "the attack retold is the chemical attack", published: "2018-04-10",
			text:  "قتل عشرات المدنيين في هجوم كيماوي على مدينة دوما أمس.\nوقال البيت الأبيض إن الهجوم في دوما يتسق مع نمط النظام.",
			want:  []want{{typ: "chemical_weapon", name: "دوما", date: "2018-04-09"}},
			count: 1,
		},
		{
			name: "not the first time is no negation", published: "2020-01-10",
			text: "وليست هذه المرة الأولى التي تقصف فيها طائرات روسية بلدة كفرنبل، إذ قصفتها أمس.",
			want: []want{{typ: "air_drone_strike", name: "كفرنبل", actor1: "RUS.MIL"}},
		},
		{
			name: "no fewer than is a count", published: "2020-01-10",
			text:  "قتل ما لا يقل عن 12 مدنيا أمس في قصف مدفعي لقوات النظام على بلدة كفرنبل.",
			want:  []want{{typ: "shelling_artillery_missile_attack", name: "كفرنبل", actor1: "SYR.GOV"}},
			count: 1,
		},
		{
			name: "a march is no drone", published: "2018-04-21",
			text:  "تظاهر آلاف الفلسطينيين أمس في مسيرة العودة شرق مدينة غزة.",
			want:  []want{{typ: "peaceful_protest", name: "غزة", date: "2018-04-20"}},
			count: 1,
		},
		{
			name: "its forces are the sentence's topic's", published: "2018-03-19",
			text: "أعلنت تركيا، التي تتهم الولايات المتحدة بدعم المقاتلين الأكراد، أن قواتها سيطرت أمس على مدينة عفرين.",
			// Turkey's army is not Syria's government: a foreign force overtaking territory
			want: []want{{typ: "non_state_actor_overtakes_territory", name: "عفرين", actor1: "TUR.MIL"}},
		},
		{
			name: "the army a government instructs is its own", published: "2018-08-10",
			text: "أصدر مجلس الوزراء الإسرائيلي تعليماته للجيش بقصف مواقع في مدينة غزة أمس.",
			want: []want{{typ: "shelling_artillery_missile_attack", name: "غزة", actor1: "ISR.MIL"}},
		},
		{
			name: "region of a province", published: "2020-06-01",
			text: "شن الطيران الروسي غارات جوية على ريف حلب الجنوبي يوم السبت.",
			want: []want{{typ: "air_drone_strike", actor1: "RUS.MIL", precision: 3, date: "2020-05-30"}},
		},
		{
			name: "near a base", published: "2021-04-02",
			text:  "أسقطت الدفاعات الجوية الروسية طائرتين مسيرتين على بعد خمسة كيلومترات من قاعدة حميميم أمس.",
			want:  []want{{typ: "disrupted_weapons_use", actor1: "RUS.MIL", precision: 2, date: "2021-04-01"}},
			count: 1,
		},
		{
			name: "protest in another country", published: "2022-10-25",
			text: "تظاهر مئات المحتجين مساء الاثنين أمام مبنى المحافظة في مدينة البصرة للمطالبة بتوفير الكهرباء.",
			want: []want{{typ: "peaceful_protest", name: "البصرة", date: "2022-10-24"}},
		},
		{
			name: "agreement at a summit city", published: "2020-03-06",
			text: "توصل الرئيسان الروسي والتركي أمس في موسكو إلى اتفاق جديد بشأن إدلب.",
			want: []want{{typ: "agreement", name: "موسكو", actor1: "RUS.GOV", date: "2020-03-05"}},
		},
		{
			name: "victims are actor2, with fatalities", published: "2023-05-14",
			text:  "قتل ثلاثة جنود عراقيين بانفجار عبوة ناسفة استهدفت دوريتهم في قضاء الطارمية شمالي بغداد، اليوم الأحد.",
			want:  []want{{typ: "remote_explosive_landmine_ied", name: "الطارمية", actor2: "IRQ.MIL", date: "2023-05-14"}},
			count: 1,
		},
		{
			name: "protest broken up", published: "2021-11-02",
			text:  "أطلقت قوات الأمن السودانية الغاز المسيل للدموع على آلاف المتظاهرين الذين خرجوا في الخرطوم.",
			want:  []want{{typ: "protest_with_intervention", name: "الخرطوم", actor1: "PRO", actor2: "SDN.MIL"}},
			count: 1,
		},
		{
			name: "a group claims a suicide bombing", published: "2018-06-20",
			text: "فجر انتحاري نفسه في سوق مزدحم بمدينة مقديشو، ما أسفر عن مقتل 12 شخصا، وتبنت حركة الشباب الهجوم.",
			want: []want{{typ: "suicide_bomb", name: "مقديشو", actor1: "SHABAAB"}},
		},
		{
			name: "rockets fell on a base", published: "2021-03-03",
			text: "سقطت عشرة صواريخ على قاعدة عين الأسد الجوية في محافظة الأنبار، دون وقوع إصابات.",
			want: []want{{typ: "shelling_artillery_missile_attack", name: "عين الأسد"}},
		},
		{
			name: "a protest for a place is not at it", published: "2023-10-15",
			text:  "تظاهر الآلاف أمس في الرباط دعما لغزة.",
			want:  []want{{typ: "peaceful_protest", name: "الرباط", actor1: "PRO"}},
			count: 1,
		},
		{
			name: "the doer after the verb", published: "2023-11-01",
			text: "استهدف حزب الله بصاروخ موجه دبابة إسرائيلية قرب مستوطنة المطلة.",
			want: []want{{typ: "shelling_artillery_missile_attack", actor1: "IRN.MIL", precision: 2}},
		},
		{
			name: "the launcher of a foiled attack is actor2", published: "2021-02-10",
			text: "أسقطت الدفاعات الجوية السعودية طائرة مسيرة أطلقها الحوثيون باتجاه مدينة خميس مشيط.",
			want: []want{{typ: "disrupted_weapons_use", actor1: "SAU.MIL", actor2: "HOUTHI"}},
		},
		{
			name: "both sides of a clash", published: "2022-07-03",
			text: "اندلعت اشتباكات عنيفة بين قوات الدعم السريع والجيش السوداني في مدينة الأبيض.",
			want: []want{{typ: "armed_clash", actor1: "RSF", actor2: "SDN.MIL"}},
		},
		{
			name: "an army checkpoint is the target", published: "2019-06-10",
			text: "هاجم مسلحون مجهولون حاجزا للجيش في بلدة الصنمين بريف درعا الشمالي.",
			want: []want{{typ: "armed_clash", actor1: "UNK", actor2: "SYR.GOV"}},
		},
		{
			name: "a strike on reinforcements", published: "2018-10-12",
			text:  "قصفت مقاتلات التحالف تعزيزات للحوثيين في مديرية حيس أمس.",
			want:  []want{{typ: "air_drone_strike", actor1: "SAU.COAL"}},
			count: 1,
		},
		{
			name: "a denial by another party keeps the report", published: "2018-04-08",
			text:  "قتل 40 شخصا على الأقل في هجوم كيماوي على مدينة دوما في الغوطة الشرقية، بحسب الدفاع المدني، فيما نفت دمشق استخدام أي أسلحة كيماوية.",
			want:  []want{{typ: "chemical_weapon", name: "دوما", date: "2018-04-08"}},
			count: 1,
		},
		{
			name: "an army announcing its takeover is its doer", published: "2018-05-21",
			text: "أعلن الجيش السوري السيطرة الكاملة على مخيم اليرموك جنوبي دمشق.",
			want: []want{{typ: "government_regains_territory", name: "اليرموك", actor1: "SYR.GOV"}},
		},
		{
			name: "force against protesters: the force is actor1", published: "2019-03-03",
			text: "أطلقت قوات الأمن الرصاص الحي على المحتجين في مدينة الناصرية، ما أسفر عن مقتل أربعة متظاهرين.",
			want: []want{{typ: "excessive_force_against_protesters", name: "الناصرية", actor1: "IRQ.MIL", actor2: "PRO"}},
		},
		{
			name: "rioters", published: "2019-03-03",
			text: "أحرق متظاهرون غاضبون إطارات وقطعوا الطرق في مدينة السويداء احتجاجا على تدهور الأوضاع المعيشية.",
			want: []want{{typ: "violent_demonstration", name: "السويداء", actor1: "RIO"}},
		},
		{
			name: "grenade", published: "2019-03-03",
			text: "ألقى مجهولون قنبلة يدوية على منزل في حي الحمدانية بمدينة حلب، ما أدى إلى إصابة ثلاثة أشخاص.",
			want: []want{{typ: "grenade", actor1: "UNK"}},
		},
		{
			name: "a new base", published: "2019-03-03",
			text: "أقامت القوات التركية نقطة مراقبة جديدة قرب بلدة مورك في ريف حماة الشمالي.",
			want: []want{{typ: "headquarters_or_base_established", actor1: "TUR.MIL", precision: 2}},
		},
		{
			name: "a named actor beats a head noun and a nationality", published: "2019-05-05",
			text: "شهدت مدينة الباب اشتباكات عنيفة بين فصيلين من الجيش الوطني السوري أمس.",
			want: []want{{typ: "armed_clash", actor1: "SYR.OPP"}},
		},
		{
			name: "two sides joined by و are two actors", published: "2019-05-05",
			text: "وقعت اشتباكات بين قوات النظام وفصائل المعارضة على محور كبانة في ريف اللاذقية الشمالي.",
			want: []want{{typ: "armed_clash", actor1: "SYR.GOV", actor2: "SYR.OPP"}},
		},
		{
			name: "dual victims count two", published: "2019-05-05",
			text: "قتل طفلان وأصيبت والدتهما بقصف صاروخي لقوات النظام على مدينة معرة النعمان.",
			want: []want{{typ: "shelling_artillery_missile_attack", actor1: "SYR.GOV"}},
		},
		{
			name: "the longer name after a place noun", published: "2019-05-05",
			text: "قصفت المدفعية التركية أمس منطقة تل رفعت شمالي حلب.",
			want: []want{{typ: "shelling_artillery_missile_attack", place: "sy-adm-sub-tal-rifaat"}},
		},
		{
			name: "explosive device", published: "2019-07-01",
			text: "انفجرت عبوة ناسفة في سوق مدينة الباب شرقي حلب، ما أدى إلى مقتل أربعة مدنيين.",
			want: []want{{typ: "remote_explosive_landmine_ied", name: "الباب"}},
		},
		{
			// a direction set off by a comma says where the place before it lies: one event, not two
			name: "a direction after a comma locates the place before it", published: "2018-06-09",
			text: "وقصفت طائرات التحالف مواقع للميليشيات في مديرية الدريهمي، جنوبي مدينة الحديدة.",
			want: []want{{typ: "air_drone_strike", name: "الدريهمي"}}, count: 1,
		},
		{
			name: "a district, then a comma and the direction of a city", published: "2018-09-06",
			text: "وتجددت المظاهرات صباح الخميس أمام مبنى الحكومة المحلية في قضاء الزبير، جنوب غرب البصرة.",
			want: []want{{typ: "peaceful_protest", name: "قضاء الزبير"}}, count: 1,
		},
		{
			// "جنوب دمشق" names the city's side, across the line of its governorate: a
			// town of Rif Dimashq just south of the city is still that town
			name: "a town beside a city's direction, across a provincial line", published: "2018-04-21",
			text: "وشنت طائرات التحالف غارات على منطقة الحجر الأسود جنوب دمشق.",
			want: []want{{typ: "air_drone_strike", place: "sy-adm-sub-hajar-aswad"}}, count: 1,
		},
		{
			name: "a town, a comma, then a city's direction", published: "2018-05-09",
			text: "وقالت وسائل الإعلام إن صاروخا إسرائيليا سقط في الكسوة، جنوب دمشق.",
			want: []want{{place: "sy-o-rd-kiswah"}}, count: 1,
		},
		{
			// the verbal noun with a masculine possessive: the army announced its control
			name: "an announced control with a masculine possessive", published: "2018-03-30",
			text: "أعلن الجيش اليمني، الجمعة، سيطرته على مديرية القبيطة في محافظة لحج.",
			want: []want{{typ: "government_regains_territory", actor1: "YEM.MIL"}},
		},
		{
			// the embassy's seat is no place of the clashes
			name: "an embassy opened in a city", published: "2018-05-18",
			text:  "وأسفرت المواجهات على حدود غزة عن مقتل 60 فلسطينيا على الأقل، بالتزامن مع احتفال إسرائيل بافتتاح السفارة الأمريكية بالقدس.",
			never: []want{{place: "x-jerusalem"}},
		},
		{
			name: "a city recognised as a capital", published: "2018-03-20",
			text:  "وانتشر الجنود الإسرائيليون لمواجهة التظاهرات التي عمت المناطق الفلسطينية احتجاجا على قرار الرئيس الأميركي الاعتراف بالقدس عاصمة لإسرائيل.",
			never: []want{{place: "x-jerusalem"}},
		},
		{
			name: "an attack on an embassy is placed at it", published: "2018-05-15",
			text: "وهاجم مسلحون السفارة الأمريكية في بغداد أمس.",
			want: []want{{place: "w-iq-us-embassy"}},
		},
		{
			// a road named by its two ends: neither end is where the road was taken
			name: "a road word before two places side by side", published: "2018-06-19",
			text:  "وسيطرت قوات الجيش اليمني على \"خط الحديدة صنعاء\" شرق مطار الحديدة.",
			never: []want{{name: "صنعاء"}},
		},
		{
			// "باب شرقي" is a quarter of Damascus; "الباب شرقي حلب" is Al-Bab, east of Aleppo
			name: "a name ending in a direction before another place", published: "2018-06-01",
			text: "وأودى انفجار سيارة مفخخة بحياة ثلاثة مدنيين في مدينة الباب شرقي حلب.",
			want: []want{{typ: "remote_explosive_landmine_ied", place: "sy-nw-al-bab"}}, count: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := extractOne(t, event.Article{ID: "t", Published: tt.published, Text: tt.text})
			for _, w := range tt.want {
				found := false
				for _, e := range evs {
					if matches(e, w) {
						found = true
					}
				}
				if !found {
					t.Errorf("no event like %+v; got:%s", w, describe(evs))
				}
			}
			for _, e := range evs {
				for _, w := range tt.never {
					if matches(e, w) {
						t.Errorf("an event like %+v:%s", w, describe(evs))
					}
				}
				if tt.notIn != "" && e.Location != nil && e.Location.Country == tt.notIn {
					t.Errorf("an event placed in %s:%s", tt.notIn, describe(evs))
				}
			}
			if tt.toll > 0 && (len(evs) != 1 || evs[0].Fatalities == nil || *evs[0].Fatalities != tt.toll) {
				t.Errorf("want one event with %d dead:%s", tt.toll, describe(evs))
			}
			if tt.count > 0 && len(evs) != tt.count {
				t.Errorf("%d events; want %d:%s", len(evs), tt.count, describe(evs))
			}
		})
	}
}

func TestNoEvents(t *testing.T) {
	tests := []struct{ name, text string }{
		{"negated", "لم تتعرض بلدة كفرنبل لأي قصف خلال الأيام الماضية."},
		{"negated with و on the particle", "ولم تعلن قوات النظام أمس السيطرة على مدينة دوما."},
		{"a future negated with و on the particle", "ولن تشن الطائرات الروسية غارات على مدينة إدلب."},
		{"a verb that spells a name without its article", "ولم تؤكد إسرائيل أمس أو تنف مسؤوليتها عن الغارة."},
		{"a text that opens with such a word", "تنف الحكومة أمس أي صلة لها بما جرى."},
		{"a takeover to come, told with the future particle", "وقالت المصادر إن قوات النظام ستستعيد السيطرة على بلدة كفرنبل."},
		{"talks to come, told with the future particle", "وسيلتقي الرئيس التركي نظيره الروسي في مدينة سوتشي."},
		{"control kept is no takeover", "وتحتفظ قوات سوريا الديمقراطية أمس بالسيطرة على مدينة منبج."},
		{"a strike that may come", "وحذر المسؤول أمس من أن قوات النظام قد تستهدف بلدة كفرنبل."},
		{"a strike that may come, verb first", "وقال المتحدث إنه قد يقصف الطيران الروسي مدينة سراقب."},
		{"a negated verb of the event", "لم تقصف قوات النظام مدينة دوما أمس."},
		{"a negated verb of the event after و", "ولم تستهدف الطائرات الروسية مدينة سراقب أمس."},
		{"a negation before scare quotes", "وأعلنت روسيا الثلاثاء أن القوات الحكومية لن تشن \"هجوما واسعا\" على مدينة سراقب."},
		{"an advance to be stopped", "وزرع المسلحون الألغام في المدخل الغربي لمدينة درنة، في محاولة منهم منع تقدم القوات المسلحة الليبية باتجاه المدينة."},
		{"an advance the raids were to stop", "وقال المتحدث إن الغارات تهدف إلى منع تقدم قوات النظام نحو بلدة كفرنبل."},
		{"future", "تستعد قوات النظام لشن هجوم على مدينة سراقب في الأيام المقبلة."},
		{"a takeover pledged", "وتعهد الرئيس التركي أمس بالسيطرة على مدينة منبج."},
		{"kept from an attack", "وقالت واشنطن إن على روسيا التركيز على منع بشار الأسد من استهداف المدنيين في مدينة دوما."},
		{"a speaker's seat", "أما شيروان بري، أحد رؤساء الهلال الأحمر الكردي ومقره في القامشلي، فقال إن المدينة تعرضت لقصف كثيف خلال النهار."},
		{"where a report was issued", "ووفق ملخص لتقرير المنظمة صدر في لندن أمس فإن الهجوم الكيميائي استخدم غاز الأعصاب."},
		{"a state leaving a deal", "أعلن الرئيس الأمريكي دونالد ترامب أمس انسحاب الولايات المتحدة من الاتفاق النووي الإيراني."},
		{"a storm strikes", "وضربت عاصفة قوية مدينة الإسكندرية أمس."},
		{"a crisis strikes", "وتسبب ذلك أمس في أزمة اقتصادية ضربت قطاع المصارف في مدينة إسطنبول."},
		{"bursting into tears", "وانفجر رجل الأعمال السابق باكيا خلال جلسة المحاكمة في مدينة نيويورك أمس."},
		{"a plot", "واتهمت المعارضة الإيرانية أمس النظام الإيراني بالتخطيط لاستهداف مؤتمرها في باريس."},
		{"buses gathering", "وتجمعت حافلات تقل مقاتلين ومدنيين عند أطراف مدينة دوما أمس."},
		{"troops massing", "واحتشدت قوات النظام السوري على أطراف مدينة إدلب أمس."},
		{"strikes made regularly", "وتشن تركيا بانتظام ضربات جوية ضد أهداف للمسلحين في جبال قنديل."},
		{"habitual claim", "وتزعم روسيا بين الفترة والأخرى أن الفصائل تهاجم قاعدة حميميم."},
		{"province named in passing", "تسيطر هيئة تحرير الشام على معظم محافظة إدلب منذ سنوات."},
		{"boilerplate line", "اقرأ أيضا: غارات روسية على بلدة كفرنبل"},
		{"common word that is also a village", "قال إن الباب مفتوح أمام الحوار وإن الحل جديد."},
		{"a clitic does not make a village", "قالت الوزارة إن السيطرة على الوباء صعبة لعدم وجود لقاح فعال."},
		{"history", "في 2 أكتوبر 1940 قصفت طائرات إيطالية مدينة حيفا."},
		{"a tally over counted years", "وقال التقرير إنه خلال السنوات الأربع الماضية قتل أكثر من 600 مدني في غارات على مدينة تعز."},
		{"a tally over counted years, the number first", "وقتل على مدى 7 سنوات ماضية نحو ألف شخص في هجمات على مدينة الموصل."},
		{"history fifteen years before publication", "في عام 2004 قصفت طائرات أمريكية مدينة الفلوجة."},
		{"an aim, not a takeover", "بدأت القوات الحكومية هجوما لاستعادة السيطرة على بلدة كفرنبل."},
		{"a demand", "طلب الوفد الروسي من الفصائل الانسحاب من معبر نصيب الحدودي."},
		{"failed talks", "فشلت المفاوضات في التوصل إلى هدنة في مدينة إدلب أمس."},
		{"a truce named in passing", "واصلت الطائرات تحليقها فوق مدينة دوما رغم الهدنة."},
		{"control with nobody taking it", "تصعب السيطرة على الحرائق في غابات اللاذقية."},
		{"what reinforcements seek", "وقالت المصادر إن تعزيزات قوات النظام تهدف إلى استعادة السيطرة على بلدة كفرنبل."},
		{"an evacuation prevented", "وقال المرصد إن خلافات بين الفصائل حالت دون تنفيذ عمليات إجلاء المقاتلين من بلدة جيرود."},
		{"an evacuation suspended", "وأعلنت الحكومة تعليق عمليات إخراج المسلحين من مدينة الرستن."},
		{"an evacuation obstructed", "وقال المرصد إن الخلافات تعرقل عمليات إجلاء المقاتلين من بلدة الضمير."},
		{"a deal that would keep an evacuation from happening", "وتركزت المفاوضات على صيغة تحول دون القيام بعملية إجلاء من مدينة دوما."},
		{"a meeting of one body is not talks", "عقدت الجمعية الأوروبية لأمراض القلب اجتماعا في ميونيخ بألمانيا."},
		{"a match is no meeting", "وتلتقي الأرجنتين مع نيجيريا الثلاثاء في مدينة سان بطرسبرغ في الجولة الأخيرة من مباريات المجموعة."},
		{"what taking a town would bring", "ومن شأن السيطرة على مدينة دوما أن تلحق أكبر خسارة بفصائل المعارضة."},
		{"a city to be spared the fighting", "وأكد غريفيث مواصلة مساعيه لإقناع الأطراف بتجنيب مدينة الحديدة القتال."},
		{"an attack of words", "وفي سياق آخر، شنت الرياض أمس هجوما حادا على طهران خلال مؤتمر صحفي في مدينة جدة."},
		{"a media battle", "وعاد المشير إلى مدينة بنغازي بعد أسابيع من معركة إعلامية شرسة خاضتها جماعة الإخوان."},
		{"what an attack will do", "وقال المسؤول أمس إن الهجوم على مدينة إدلب سيتخلص من الإرهابيين."},
		{"an attack to begin", "وقال القائد أمس إن الهجوم سيبدأ قريبا في مدينة الحديدة."},
		{"a truce among demands", "وأعلن المجلس أمس عن سلسلة من المطالب من بينها وقف إطلاق النار فورا في مدينة درنة."},
		{"a crossing among demands", "وتتضمن المطالب الروسية تسليم الفصائل سلاحها الثقيل وسيطرة القوات الحكومية على معبر نصيب مع الأردن."},
		{"clashes to be prevented", "وقال إن هناك حاجة لضمان التعاون العسكري بين الجيشين لمنع وقوع اشتباكات قرب دمشق."},
		{"a conference that aims at support", "وعقد في مدينة عدن أمس مؤتمر للمانحين يستهدف حشد الدعم للاقتصاد اليمني."},
		{"a campaign that aims at prices", "وأطلقت الحكومة أمس في مدينة عدن حملة تستهدف خفض الأسعار."},
		{"a cyclone that felled trees", "وفي مدينة داروين انقطعت الكهرباء أمس بعد أن أسقط إعصار مداري أشجارا."},
		{"charges dropped", "وأسقطت المحكمة أمس التهم عن 468 مشتبها بهم في مدينة أبوجا."},
		{"a guest beaten in a match", "وأسقط إيفرتون أمس ضيفه ليفربول في فخ التعادل خلال مباراتهما في الدوري الإنجليزي بمدينة ليفربول."},
		{"an attack forces are readying", "وتتأهب القوات الحكومية لشن هجوم على معاقل المسلحين في مدينة إدلب."},
		{"a deal sought", "وكانت الإمارات أعطت الأمم المتحدة مهلة من أجل التوصل لاتفاق في مدينة الحديدة."},
		{"an advance aimed at", "وقالت المصادر إن القوات تحشد بهدف التقدم نحو مدينة رداع."},
		{"rules of engagement", "وقال المتحدث إن على التحالف مراجعة قواعد الاشتباك في مدينة جيزان."},
		{"a deadline to withdraw", "ومنحت القوات الروسية المسلحين أمس مهلة للانسحاب من مدينة حرستا."},
		{"an adjective that begins like a clitic", "وبقيت الطفلتان وحيدتان في بغداد بعد وفاة والديهما."},
		{"a word that begins like a clitic", "ويربط مدينة عفرين منفذ وحيد بمناطق سيطرة قوات النظام في بلدتي نبل والزهراء."},
		{"a computer attack", "أعلن جهاز أمن الدولة أمس أن روسيا شنت هجوما إلكترونيا على مواقع حكومية في مدينة كييف."},
		{"a plane crash is no strike", "قتل 77 شخصا أمس في سقوط طائرة نقل عسكرية قرب مدينة تمنراست الجزائرية."},
		{"where the speaker sits", "وقال مجلس الأمم المتحدة لحقوق الإنسان بجنيف أمس إن احتجاز الصحفيين يقيد حرية التعبير."},
		{"a readiness is no act", "أكد زعيم الحوثيين أمس أنه مستعد لتسليم السيطرة على مرفأ الحديدة للأمم المتحدة إذا ما أوقفت القوات هجومها."},
		{"a scene the next speaker does not go on", "قالت وزارة الداخلية إن قوة أمنية وصلت صباح اليوم إلى منزل في بلدة سرمدا. وقال المرصد السوري لحقوق الإنسان إن المطلوبين بادروا بإطلاق النار على القوة."},
		{"drones destroyed after their launch", "وقال المركز إن الدفاعات تمكنت أمس من تدمير طائرتين دون طيار أطلقتا من منطقة خاضعة لسيطرة المسلحين قرب بلدة كفرنبل."},
		{"a withdrawal an agreement would bring", "وقد ضغطت موسكو من أجل التوصل إلى صيغة اتفاق تفضي إلى انسحاب مسلحي المعارضة وعائلاتهم من مدينة دوما."},
		{"a withdrawal demanded", "وجددت تركيا الأسبوع الماضي مطالبتها للوحدات الكردية بالانسحاب من مدينة منبج."},
		{"the ends of a road cut", "وتمكن الجهاديون أمس من قطع الطريق بين البوكمال ومدينة دير الزور في هجوم مفاجئ."},
		{"what an advance is for", "كما تتقدم قوات الجيش والمقاومة من الجهة الجنوبية الغربية لمطار الحديدة في عملية التفاف لتحرير مركز مديرية الدريهمي."},
		{"an attack not yet begun", "وقال المسؤول إن الهجوم البري على مدينة إدلب لم يبدأ بعد."},
		{"what taking it would do", "وقال الجيش اليمني إن قواته تتقدم، والسيطرة على مدينة الحديدة بشكل كامل من شأنها قطع الإمدادات عن الميليشيات."},
		{"a match called a battle", "اعتمدت لجنة الحكام تعيين طاقم تحكيم لإدارة مواجهة الأهلي والهلال في جدة السبت، ضمن مواجهات الجولة الخامسة والعشرين من الدوري السعودي."},
		{"to help repel an attack", "قال قائد الوحدات إن مقاتليه توجهوا أمس إلى منطقة عفرين للمساعدة في صد هجوم تركي."},
		{"a hope", "وكتب الوزير: أملنا أن تقصف الطائرات مواقع الحوثيين في مدينة الحديدة."},
		{"a ban names a kind of weapon", "اتهمت الدول الغربية أمس في جلسة المنظمة الدولية لحظر الأسلحة الكيمياوية في لاهاي روسيا بتقويض التحقيق."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := extractOne(t, event.Article{ID: "t", Published: "2021-01-10", Text: tt.text})
			if len(evs) != 0 {
				t.Errorf("Extract(%q) gave events:%s", tt.text, describe(evs))
			}
		})
	}
}

// A "this day in history" digest lists past events without their years:
// after its lead announces the list, an entry with no date of its own is
// not news of the publication day; a dated news item after the list is.
func TestHistoryDigest(t *testing.T) {
	const lead = "حدث في 8 سبتمبر.. قصف لندن\n\nدبي، الإمارات العربية المتحدة (CNN) -- في 8 سبتمبر/أيلول من عام 1986 بدأ عرض أول برنامج حواري.\n"
	for _, tt := range []struct {
		name, text string
		want       string // event types, "" for none
	}{
		{"an entry of the list", lead + "وفيما يلي تسلسل لأبرز الأحداث التاريخية في 8 سبتمبر:\nقصف مدينة لندن بصاروخ لأول مرة في الحرب العالمية الثانية.\n", ""},
		{"an entry after a header in the lead", "حدث في 13 سبتمبر.. هزيمة عرابي\n\nدبي (CNN) – في 13 سبتمبر/أيلول من عام 1882 هزمت بريطانيا أحمد عرابي، فيما يلي تسلسل الأحداث التي حدثت في مثل هذا اليوم.\nاندلاع معارك كبرى في القدس إثر احتلال الجيش البريطاني لمخفر البراق في المدينة.\n", ""},
		{"a dated news item after the list", lead + "وفيما يلي تسلسل لأبرز الأحداث التاريخية في 8 سبتمبر:\nقال مسؤول أفغاني إن 20 شخصا قتلوا في انفجارين، الأربعاء، بالعاصمة كابول.\n", "remote_explosive_landmine_ied"},
		{"no digest header", lead + "قصفت طائرات حربية مدينة لندن وقتلت 20 شخصا.\n", "air_drone_strike"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			evs := extractOne(t, event.Article{ID: "t", Published: "2018-09-08", Text: tt.text})
			var got []string
			for _, e := range evs {
				got = append(got, e.EventType)
			}
			if strings.Join(got, ",") != tt.want {
				t.Errorf("got %q; want %q:%s", got, tt.want, describe(evs))
			}
		})
	}
}

func TestDigestHeader(t *testing.T) {
	for text, want := range map[string]bool{
		"وفيما يلي تسلسل لأبرز الأحداث التاريخية في 4 سبتمبر:":              true,
		"فيما يلي تسلسل لأبرز الأحداث التي حدثت في مثل هذا اليوم.":          true,
		"وفيما يلي تسلسل الأحداث التاريخية في الأزمة السورية:":              false,
		"في مثل هذا اليوم من عام 1970 اندلعت أحداث أيلول الأسود في الأردن.": false,
	} {
		if got := digestHeader(arabic.Normalize(text)); got != want {
			t.Errorf("digestHeader(%q) = %v; want %v", text, got, want)
		}
	}
}

// Text without a publication date tells history before 1990; the same
// sentence about a later year is an event.
func TestHistoryWithoutPublication(t *testing.T) {
	for _, tt := range []struct {
		name, year string
		want       int
	}{
		{"1956", "1956", 0},
		{"2012", "2012", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := "في عام " + tt.year + " قصفت طائرات أمريكية مدينة الفلوجة."
			evs := extractOne(t, event.Article{ID: "t", Text: text})
			if len(evs) != tt.want {
				t.Errorf("Extract(%q) = %d events; want %d:%s", text, len(evs), tt.want, describe(evs))
			}
		})
	}
}

// An event the document does not place is written with location null
// (SPEC §2) when the sentence tells a particular occurrence; a kind of act,
// an aim, a charge or a past event used as a time reference is not one.
func TestUnplacedEvents(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // event type, "" for none
	}{
		{"past-tense verb with a toll", "قتل ثلاثة أشخاص أمس في هجوم انتحاري بسيارة مفخخة.", "suicide_bomb"},
		{"shots fired that hit people", "أطلق مسلح عدة أعيرة نارية على مجموعة من الشبان فأصاب ستة بجروح.", "attack"},
		{"the dead fell in the attack after them", "قتل أمس سبعة من عناصر الشرطة إثر هجوم انتحاري تبنته الحركة.", "suicide_bomb"},
		{"bombs that went off", "انفجرت عبوة ناسفة صباح اليوم ما أدى إلى إصابة شرطيين.", "remote_explosive_landmine_ied"},
		{"a time reference", "ولم يزر أي مسؤول البلاد منذ اغتيال رئيس الوزراء قبل عامين.", ""},
		{"a condemnation", "وأدان الأمين العام الهجوم الذي أسفر عن مقتل عشرة أشخاص.", ""},
		{"a charge", "وحكم على المتهم بالسجن عشر سنوات بتهمة الاغتصاب في العام الماضي.", ""},
		{"a country the sentence names is the next known level", "ـ 20: تفجير انتحاري في فندق بباكستان يقتل 60 شخصا على الأقل.", "suicide_bomb@country"},
		{"a kind of act", "وتحدث التقرير عن التفجيرات والاغتيالات التي تشهدها البلاد.", ""},
		{"nothing particular told", "قصفت الطائرات مواقع عدة.", ""},
		{"a protest told by its protesters' acts", "وهتف المتظاهرون «يسقط الرئيس» في الشوارع مطالبين برحيل الحكومة.", "peaceful_protest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := extractOne(t, event.Article{ID: "t", Published: "2021-01-10", Text: tt.text})
			if tt.want == "" {
				if len(evs) != 0 {
					t.Errorf("Extract(%q) gave events:%s", tt.text, describe(evs))
				}
				return
			}
			typ, atCountry := strings.CutSuffix(tt.want, "@country")
			if len(evs) != 1 || evs[0].EventType != typ {
				t.Fatalf("Extract(%q) gave%s; want one %s", tt.text, describe(evs), typ)
			}
			if loc := evs[0].Location; atCountry && (loc == nil || loc.GeoPrecision != 3) || !atCountry && loc != nil {
				t.Errorf("Extract(%q) placed at %+v; want the country: %v (else null)", tt.text, loc, atCountry)
			}
		})
	}
}

func TestClaimsAndDenials(t *testing.T) {
	text := "أعلن مركز المصالحة الروسي أمس أن الدفاعات الجوية الروسية أسقطت طائرة مسيرة قرب قاعدة حميميم.\n" +
		"بينما نفت الجبهة الوطنية للتحرير إطلاق أي طائرة باتجاه القاعدة."
	evs := extractOne(t, event.Article{ID: "t", Published: "2021-04-02", Text: text})
	if len(evs) != 1 {
		t.Fatalf("%d events; want 1:%s", len(evs), describe(evs))
	}
	c := evs[0].Claim
	if c == nil || c.Status != event.Claimed || c.By != "RUS.MIL" || c.DeniedBy != "SYR.OPP" {
		t.Errorf("claim = %+v; want claimed by RUS.MIL, denied by SYR.OPP", c)
	}
	if evs[0].Source == nil || evs[0].Source.Code != "RUS.MIL" {
		t.Errorf("source = %+v; want the reconciliation centre (RUS.MIL)", evs[0].Source)
	}

	// an accusation and its denial in one sentence: alleged, and denied by the accused
	acc := extractOne(t, event.Article{ID: "t", Published: "2018-04-16",
		Text: "واتهمت دمشق وطهران الاثنين الماضي إسرائيل بشن ضربة جوية استهدفت مطار التيفور العسكري، في حين نفت إسرائيل ضلوعها."})
	if len(acc) != 1 || acc[0].Claim == nil || acc[0].Claim.Status != event.Alleged || acc[0].Claim.DeniedBy == "" {
		t.Errorf("an accusation then its denial: got%s; want one alleged event, denied", describe(acc))
	}

	// a denial of what reports told: the reports claim it, the denier denies it
	den := extractOne(t, event.Article{ID: "t", Published: "2018-09-02",
		Text: "ونفى الجيش السوري أمس الأنباء التي تداولتها وسائل إعلام حول استهداف إسرائيل لمطار المزة العسكري."})
	if len(den) != 1 || den[0].Claim == nil || den[0].Claim.Status == event.Denied || den[0].Claim.DeniedBy != "SYR.GOV" {
		t.Errorf("a denial of reports: got%s; want one event, reported and denied by SYR.GOV", describe(den))
	}
	// a bare denial that nobody claims tells no event
	if bare := extractOne(t, event.Article{ID: "t", Published: "2018-09-02",
		Text: "ونفت وزارة الدفاع الروسية أمس أن تكون طائراتها قصفت بلدة كفرنبل."}); len(bare) != 0 {
		t.Errorf("a bare denial: got%s; want none", describe(bare))
	}

	rep := extractOne(t, event.Article{ID: "t", Published: "2021-04-02",
		Text: "قصفت قوات النظام بلدة كفرنبل أمس، بحسب المرصد السوري لحقوق الإنسان."})
	if len(rep) != 1 || rep[0].Claim == nil || rep[0].Claim.Status != event.Reported || rep[0].Source == nil || rep[0].Source.Code != "SOHR" {
		t.Errorf("a monitor's report: got %+v; want status reported with source SOHR", rep)
	}
}

func TestQuantitiesFatalitiesAndDedup(t *testing.T) {
	text := "شنت طائرات حربية روسية أمس 11 غارة جوية على بلدة كفرنبل، ما أدى إلى مقتل 5 مدنيين.\n" +
		"وكانت الغارات على بلدة كفرنبل قد استهدفت السوق الشعبي."
	evs := extractOne(t, event.Article{ID: "t", Published: "2021-05-02", Text: text})
	if len(evs) != 1 {
		t.Fatalf("%d events; want the two mentions as one:%s", len(evs), describe(evs))
	}
	e := evs[0]
	if len(e.Evidence) != 2 {
		t.Errorf("%d evidence spans; want 2 (both sentences)", len(e.Evidence))
	}
	if e.Fatalities == nil || *e.Fatalities != 5 {
		t.Errorf("fatalities = %v; want 5", e.Fatalities)
	}
	found := false
	for _, q := range e.Quantities {
		if q.Value == 11 && q.Unit == "غارة" {
			found = true
		}
	}
	if !found {
		t.Errorf("quantities = %+v; want 11 غارة", e.Quantities)
	}
	if e.ACLED == nil || e.ACLED.SubEventType != "Air/drone strike" {
		t.Errorf("acled = %+v; want Air/drone strike", e.ACLED)
	}
}

func TestBackground(t *testing.T) {
	text := "وكانت قوات النظام قد سيطرت على مدينة معرة النعمان في كانون الثاني/يناير 2020."
	evs := extractOne(t, event.Article{ID: "t", Published: "2021-06-01", Text: text})
	if len(evs) != 1 {
		t.Fatalf("%d events; want 1:%s", len(evs), describe(evs))
	}
	e := evs[0]
	if e.EventType != "government_regains_territory" || !e.Background || e.Date == nil || *e.Date != "2020-01" {
		t.Errorf("got %s background=%v date=%v; want government_regains_territory, background, 2020-01", e.EventType, e.Background, e.Date)
	}
}

func TestNoPublicationDate(t *testing.T) {
	text := "دمشق في 12 آذار 2019 - قصفت قوات النظام أمس بلدة كفرنبل في ريف إدلب الجنوبي.\n" +
		"وفي 10 آذار 2019 قصفت الطائرات الروسية مدينة سراقب."
	evs := extractOne(t, event.Article{ID: "t", Text: text})
	got := map[string]string{}
	for _, e := range evs {
		if e.Date != nil {
			got[*e.Date] = e.DatePrecision
		}
	}
	// "أمس" counts from the dateline the text gives: the day, but only as sure as the week
	if got["2019-03-11"] != "week" || got["2019-03-10"] != "day" {
		t.Errorf("dates %v; want 2019-03-11 at week precision (relative to a guessed date) and 2019-03-10 at day", got)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name, text string
		want       error
	}{
		{"empty", "", errEmpty},
		{"only space", " \n\t ", errEmpty},
		{"invalid utf-8", "قصف \xff\xfe على", errUTF8},
		{"binary", strings.Repeat("\x00\x01\x02abc", 50), errBinary},
	}
	x := newTestExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := x.Extract(event.Article{ID: "bad", Text: tt.text})
			if err != tt.want || evs != nil {
				t.Errorf("Extract(%q) = %v, %v; want nil, %v", tt.text, evs, err, tt.want)
			}
		})
	}
	// A stray NUL in a real article is not binary.
	if _, err := x.Extract(event.Article{ID: "nul", Text: "قصفت قوات النظام بلدة كفرنبل.\n\x00\n"}); err != nil {
		t.Errorf("one NUL byte: %v; want the article read", err)
	}
}

func TestDeterministic(t *testing.T) {
	arts := readLines[event.Article](t, filepath.Join(devDir, "articles.jsonl"))
	x := newTestExtractor(t)
	for _, a := range arts {
		one, _ := x.Extract(a)
		two, _ := x.Extract(a)
		j1, _ := json.Marshal(one)
		j2, _ := json.Marshal(two)
		if string(j1) != string(j2) {
			t.Fatalf("%s: two runs differ", a.ID)
		}
	}
}

// goldenEvent is what the golden file keeps of an event: no article text
// (the development articles stay in ../shared), only codes, places and offsets.
type goldenEvent struct {
	Doc       string   `json:"doc"`
	Type      string   `json:"type"`
	Gazetteer string   `json:"gazetteer,omitempty"`
	Lat       float64  `json:"lat,omitempty"`
	Lon       float64  `json:"lon,omitempty"`
	Date      string   `json:"date,omitempty"`
	Actor1    string   `json:"actor1,omitempty"`
	Actor2    string   `json:"actor2,omitempty"`
	Claim     string   `json:"claim,omitempty"`
	Evidence  [][2]int `json:"evidence"`
}

func golden(evs []event.Event) []goldenEvent {
	var out []goldenEvent
	for _, e := range evs {
		g := goldenEvent{Doc: e.Doc, Type: e.EventType}
		if e.Location != nil {
			g.Gazetteer, g.Lat, g.Lon = e.Location.GazetteerID, e.Location.Lat, e.Location.Lon
		}
		if e.Date != nil {
			g.Date = *e.Date
		}
		if e.Actor1 != nil {
			g.Actor1 = e.Actor1.Code
		}
		if e.Actor2 != nil {
			g.Actor2 = e.Actor2.Code
		}
		if e.Claim != nil {
			g.Claim = e.Claim.Status + ":" + e.Claim.By + ":" + e.Claim.DeniedBy
		}
		for _, s := range e.Evidence {
			g.Evidence = append(g.Evidence, [2]int{s.Start, s.End})
		}
		out = append(out, g)
	}
	return out
}

// TestGoldenDevelopmentSet pins the extractor's output on the development
// articles, so that every change to rules or lexicons shows in a diff of
// testdata/dev.golden.jsonl (regenerate with go test -run Golden -update).
func TestGoldenDevelopmentSet(t *testing.T) {
	arts := readLines[event.Article](t, filepath.Join(devDir, "articles.jsonl"))
	x := newTestExtractor(t)
	var got strings.Builder
	for _, a := range arts {
		evs, err := x.Extract(a)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		for _, g := range golden(evs) {
			b, _ := json.Marshal(g)
			got.Write(b)
			got.WriteByte('\n')
		}
	}
	path := filepath.Join("testdata", "dev.golden.jsonl")
	if *update {
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got.String() != string(want) {
		gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("golden output differs at line %d:\n got  %s\n want %s\n(run with -update if the change is intended)", i+1, g, w)
			}
		}
	}
}

func TestForeignForce(t *testing.T) {
	tests := []struct {
		code, country string
		want          bool
	}{
		{"USA.MIL", "IRQ", true},  // US forces taking Baghdad in 2003
		{"TUR.MIL", "SYR", true},  // Turkey's army in Afrin
		{"RUS.MIL", "SYR", false}, // fighting for Syria's government
		{"SAU.MIL", "YEM", false},
		{"SYR.GOV", "SYR", false}, // at home
		{"HOUTHI", "YEM", false},  // not a state's force
		{"USA.MIL", "", false},    // nowhere known
	}
	for _, tt := range tests {
		if got := foreignForce(tt.code, tt.country); got != tt.want {
			t.Errorf("foreignForce(%q, %q) = %v; want %v", tt.code, tt.country, got, tt.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"قصفت طائرات حربية روسية بلدة كفرنبل في ريف إدلب الجنوبي أمس.",
		"أسقطت الدفاعات الجوية طائرتين مسيرتين على بعد 5 كم من قاعدة حميميم",
		"ريف ريف ريف الجنوبي الشرقي من المحافظة",
		"\xff\xfe قرية “", "بـ11 غارة", "",
		"السيطرة على البلدات التالية: حزرما، ،: بلدتي", "عاصمة محافظة", "بينهم 13 قتلوا مقتل أحد", "قاعدة الضمير الجوية العسكرية، شمال",
	} {
		f.Add(s, "2020-09-20")
	}
	x := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, text, published string) {
		evs, err := x.Extract(event.Article{ID: "f", Published: published, Text: text})
		if errors.Is(err, ErrInternal) {
			t.Fatalf("Extract(%q): %v", text, err) // a fault in a rule, not bad input
		}
		if err != nil {
			return
		}
		for _, e := range evs {
			if _, ok := event.LookupType(e.EventType); !ok {
				t.Fatalf("unknown event type %q", e.EventType)
			}
			if len(e.Evidence) == 0 {
				t.Fatalf("event without evidence")
			}
			for _, s := range e.Evidence {
				if s.Start < 0 || s.End > len(text) || s.Start >= s.End || text[s.Start:s.End] != s.Text || !utf8.ValidString(s.Text) {
					t.Fatalf("bad evidence %+v", s)
				}
			}
		}
	})
}

// BenchmarkExtract runs the extractor over real news (../shared/data, the
// first 1,000 articles of ant-bulk.jsonl) and reports articles/s and MB/s.
func BenchmarkExtract(b *testing.B) {
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "ant-bulk.jsonl"))
	if err != nil {
		b.Fatalf("the benchmark corpus is needed: %v", err)
	}
	defer f.Close()
	var arts []event.Article
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() && len(arts) < 1000 {
		var a event.Article
		if json.Unmarshal(sc.Bytes(), &a) == nil {
			arts = append(arts, a)
			size += len(a.Text)
		}
	}
	x := newTestExtractor(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			x.Extract(a)
		}
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestImportedVillagesNeedContext: a user's GeoNames import brings
// thousands of villages whose names are everyday words. They count as places
// only where the sentence places them.
func TestImportedVillagesNeedContext(t *testing.T) {
	gz, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*geo.Place{
		{ID: "geonames:1", Name: "السياج", Kind: "village", Lat: 33.6, Lon: 36.3, Country: "SYR", Admin1: "Rif Dimashq", Source: "GeoNames"},
		{ID: "geonames:2", Name: "تل فكتوم", Kind: "village", Lat: 35.2, Lon: 36.6, Country: "SYR", Admin1: "Hama", Source: "GeoNames"},
		{ID: "geonames:3", Name: "طليعة", Kind: "village", Lat: 35.3, Lon: 36.7, Country: "SYR", Admin1: "Hama", Source: "GeoNames"},
	} {
		gz.Add(p)
	}
	x, err := New(Options{Gazetteer: gz})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text, place string
	}{
		{"common word after near", "قتل جندي إسرائيلي بتفجير عبوة ناسفة قرب السياج الحدودي مع غزة أمس.", ""},
		{"placed by its province", "قصفت قوات النظام أمس تل فكتوم في ريف حماة الشمالي.", "geonames:2"},
		{"after a place noun", "قصفت قوات النظام أمس قرية تل فكتوم بالمدفعية.", "geonames:2"},
		{"bare, unplaced", "قال إن تل فكتوم شهد قصفا أمس.", ""},
		{"after a definite place noun", "قصفت طائرات مسيرة أمس مقرا للقاعدة طليعة هذا العام في ريف حماة.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := x.Extract(event.Article{ID: "t", Published: "2021-01-02", Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, e := range evs {
				if e.Location != nil && strings.HasPrefix(e.Location.GazetteerID, "geonames:") {
					got = e.Location.GazetteerID
				}
			}
			if got != tt.place {
				t.Errorf("imported place %q; want %q:%s", got, tt.place, describe(evs))
			}
		})
	}
}

// The doer of an event is never the one whose name labels a headline
// ("واشنطن: …") nor the doer of another act the event only answers.
func TestDoerIsNotSpeakerOrResponder(t *testing.T) {
	tests := []struct {
		name, text, typ, notDoer string
	}{
		{"a headline's speaker label", "واشنطن: النظام شن هجوما كيماويا على دوما أمس", "chemical_weapon", "USA.GOV"},
		{"a spokesman before is no doer of the air strikes after", "وقال المتحدث باسم حركة حماس حازم قاسم إن الاحتلال يتحمل المسؤولية.\nوشنت طائرات غارات ليل الأربعاء على أكثر من 150 هدفا في مدينة غزة.", "air_drone_strike", "HAMAS"},
		{"the state that vows a response, when the article says who used the weapons", "توعد الرئيس الأمريكي دونالد ترامب برد قوي على الهجوم الكيميائي الذي وقع في مدينة دوما أمس.\nونفت روسيا استخدام النظام السوري أسلحة كيميائية.", "chemical_weapon", "USA.GOV"},
		{"the state that vows a response", "توعد الرئيس الأمريكي، دونالد ترامب، برد قوي على الهجوم الكيميائي الذي وقع في مدينة دوما أمس.", "chemical_weapon", "USA.GOV"},
		{"the responder", "وكانت واشنطن قد شنت ضربة صاروخية على مطار الشعيرات ردا على هجوم كيميائي على مدينة خان شيخون في 4 أبريل.", "chemical_weapon", "USA.MIL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := extractOne(t, event.Article{ID: "t", Published: "2018-04-10", Text: tt.text})
			found := false
			for _, e := range evs {
				if e.EventType != tt.typ {
					continue
				}
				found = true
				if e.Actor1 != nil && strings.HasPrefix(e.Actor1.Code, tt.notDoer[:3]) {
					t.Errorf("Extract(%q): %s by %s (%q); the doer is not %s", tt.text, e.EventType, e.Actor1.Code, e.Actor1.Text, tt.notDoer)
				}
			}
			if !found {
				t.Errorf("Extract(%q) gave no %s:%s", tt.text, tt.typ, describe(evs))
			}
		})
	}
}

// Fatalities come only from deaths the sentence ties to the event (SPEC §2).
func TestFatalities(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]int // place name part -> fatalities; -1 for null
	}{
		{"the war's toll in the next sentence", "وشن التحالف أمس غارات على مدينة الحديدة.\nوأدت الحرب في اليمن إلى مقتل حوالي عشرة آلاف شخص.", map[string]int{"الحديدة": -1}},
		{"one of a nation", "وأسفرت الغارة أمس عن مقتل فلسطيني في بلدة بيت لاهيا.", map[string]int{"بيت لاهيا": 1}},
		{"the dead of a nation are not one", "وقصفت الطائرات أمس بلدة بيت لاهيا، وقد يصل عدد القتلى الروس إلى مئات.", map[string]int{"بيت لاهيا": -1}},
		{"took the lives of, without the word for lives", "وقصف الطيران أمس بلدة كفرنبل ما أودى بخمسة مدنيين.", map[string]int{"كفرنبل": 5}},
		{"both sides' dead", "وقتل 13 عنصرا من قوات النظام مقابل ستة من الفصائل أمس في معارك في بلدة كفرنبل.", map[string]int{"كفرنبل": 19}},
		{"one of them", "وأسفرت الغارة أمس عن مقتل أحد ضباط الجيش في بلدة كفرنبل.", map[string]int{"كفرنبل": 1}},
		{"the dead of whom some are counted", "وقال المرصد إن 64 مدنيا على الأقل بينهم 13 طفلا قتلوا أمس في غارات على بلدة كفرنبل.", map[string]int{"كفرنبل": 64}},
		{"one family is no toll", "وقال المرصد إن 12 مدنيا على الأقل من عائلة واحدة بينهم 4 أطفال قتلوا أمس في قصف على قرية هداج.", map[string]int{"هداج": 12}},
		{"some counted with no total", "وقتل مدنيون بينهم 4 أطفال أمس في قصف على بلدة كفرنبل.", map[string]int{"كفرنبل": -1}},
		{"one place named twice", "واتهمت دمشق أمس إسرائيل بشن ضربة جوية استهدفت مطار التيفور العسكري، ما أدى إلى مقتل 14 شخصا، في حين نفت إسرائيل أنها قصفت مطار التيفور.", map[string]int{"التيفور": 14}},
		{"strikes counted are no toll", "قتل مدنيون أمس في 75 غارة جوية على بلدة كفرنبل.", map[string]int{"كفرنبل": -1}},
		{"a year is no toll", "قتل منذ 2014 في قصف مدفعي على بلدة كفرنبل أمس.", map[string]int{"كفرنبل": -1}},
		{"a toll over months is none", "قصفت قوات النظام أمس بلدة كفرنبل، وأدى الهجوم إلى مقتل 1700 مدني خلال شهرين من المعارك.", map[string]int{"كفرنبل": -1}},
		{"a toll over days since is none", "وتشهد بلدة كفرنبل منذ أيام غارات أوقعت أكثر من 300 قتيل.", map[string]int{"كفرنبل": -1}},
		{"took the lives, the subject between the verb and its object", "وأودى انفجار لغم أرضي الخميس بحياة 3 مدنيين في بلدة كفرنبل.", map[string]int{"كفرنبل": 3}},
		{"took the lives of a number written as a word", "وأودت غارة جوية أمس بحياة ثلاثة مدنيين في مدينة أريحا.", map[string]int{"أريحا": 3}},
		{"a toll whose place follows a comma", "وقال إن 20 مدنيا قتلوا بقصف على بلدة كفرنبل، بينما قتل خمسة مدنيين وأصيب آخرون، في بلدة حاس.", map[string]int{"كفرنبل": 20, "حاس": 5}},
		{"a period's length is no toll", "قصفت قوات النظام أمس بلدة كفرنبل، بعد قصف متواصل طيلة الأسابيع الستة الماضية أسفر عن مقتل عشرات المدنيين.", map[string]int{"كفرنبل": -1}},
		{"hours counted are no toll", "وقالت إحصائية إن أكثر من 100 مسلح حوثي لقوا مصرعهم خلال 48 ساعة بغارات طيران التحالف في مديرية نهم.", map[string]int{"نهم": 100}},
		{"material damage only is zero", "قصفت قوات النظام أمس بلدة كفرنبل ما أسفر عن خسائر مادية فقط.", map[string]int{"كفرنبل": 0}},
		{"nobody hurt is zero", "قصفت قوات النظام أمس بلدة كفرنبل دون وقوع إصابات.", map[string]int{"كفرنبل": 0}},
		{"no information is null", "قصفت قوات النظام أمس بلدة كفرنبل دون ورود معلومات عن خسائر بشرية.", map[string]int{"كفرنبل": -1}},
		{"the toll the next sentence gives", "وقع انفجار في مستودع للأسلحة في بلدة سرمدا أمس.\nوارتفعت حصيلة قتلى الانفجار إلى 39 شخصا.", map[string]int{"سرمدا": 39}},
		{"another story's toll is not", "قصفت قوات النظام أمس بلدة كفرنبل.\nوفي سياق آخر، تظاهر الآلاف في مدينة إدلب وقتل متظاهران.", map[string]int{"كفرنبل": -1}},
		{"a campaign's toll is none", "وخلال الهجوم العنيف على بلدة كفرنبل منذ 18 شباط/فبراير، وثق المرصد مقتل أكثر من 1700 مدني في القصف.", map[string]int{"كفرنبل": -1}},
		{"the wounded counted are no toll", "قصفت قوات النظام أمس بلدة كفرنبل ما أدى إلى مقتل امرأة وإصابة 100 آخرين.", map[string]int{"كفرنبل": 1}},
		{"a toll since a campaign began is none", "وقتل 300 شخص في القصف على بلدة كفرنبل منذ أن بدأت قوات النظام هجومها الشهر الماضي.", map[string]int{"كفرنبل": -1}},
		{"a toll since years is a war's", "وكان الهجوم على بلدة كفرنبل أمس من أعنف الهجمات في الحرب المستمرة منذ 7 سنوات التي قتل فيها أكثر من 1600 شخص.", map[string]int{"كفرنبل": -1}},
		{"each toll in its own clause", "قتل ثمانية مدنيين أمس في قصف على مدينة خان شيخون فيما قتل ثلاثة آخرون في قصف لبلدة التح.",
			map[string]int{"خان شيخون": 8, "التح": 3}},
		{"the toll of the sentence an explanation follows", "وأدى أسوأ حوادث العنف إلى مقتل 31 شخصا على الأقل أمس.\nإذ فجر انتحاري نفسه أمام مركز اقتراع في مدينة إدلب.",
			map[string]int{"إدلب": 31}},
		{"a headline's regional toll folds into the towns, each keeping its own", "مقتل 20 مدنيا بقصف للنظام على الغوطة الشرقية\n\nقتل 20 مدنيا على الأقل أمس جراء غارات جوية شنتها طائرات النظام على بلدتي حمورية وسقبا في الغوطة الشرقية.\nوقال المرصد إن القصف على حمورية أوقع 12 قتيلا، فيما قتل 8 في سقبا.",
			map[string]int{"حمورية": 12, "سقبا": 8}},
		{"a place's toll in its own clause after the event word's", "قال المرصد إن الغارات استهدفت أمس بلدات الغوطة الشرقية، موضحا أنه في بلدة حمورية قتل عشرة أشخاص في قصف جديد.",
			map[string]int{"حمورية": 10}},
		{"one death told by its possessive", "فجر مهاجم انتحاري نفسه أمس قرب كنيسة في مدينة طنطا ولقي المهاجم حتفه في الحال.", map[string]int{"طنطا": 1}},
		{"a dual possessive is not one", "قصفت قوات النظام أمس بلدة كفرنبل ولقي شابان مصرعهما.", map[string]int{"كفرنبل": 2}},
		{"a verb of one death with no number", "قصفت قوات النظام أمس بلدة كفرنبل واستشهد الشاب أحمد إثر إصابته بشظية.", map[string]int{"كفرنبل": 1}},
		{"a verb of death with a plural subject is not one", "قصفت قوات النظام أمس بلدة كفرنبل واستشهد مدنيون إثر إصابتهم بشظايا.", map[string]int{"كفرنبل": -1}},
		{"a governorate that holds the town tells no place of its own", "قصفت قوات النظام أمس بلدة دوما الخاضعة لسيطرة المعارضة بريف دمشق، والذي يقول نشطاء إنه أسفر عن مقتل أربعين شخصا.",
			map[string]int{"دوما": 40}},
		{"a later sentence's toll told at another place", "تجددت الغارات الجوية الحكومية أمس على مدينة دوما.\nوأشار المرصد إلى وقوع غارتين على منطقة الشيفونية، فضلا عن مقتل امرأة جراء قصف بأربع قذائف مدفعية استهدف بلدة حمورية.",
			map[string]int{"دوما": -1}},
		{"an assassination is one death", "اغتيل في بيروت أمس الوزير السابق في تفجير سيارة مفخخة.", map[string]int{"بيروت": 1}},
		{"a toll over the last weeks is a period's", "قصفت قوات النظام أمس بلدة كفرنبل.\nوتسبب القتال الدائر في المنطقة في مقتل أكثر من 700 شخص في الأسابيع الأخيرة.", map[string]int{"كفرنبل": -1}},
		{"the next sentence's toll at one of several places", "استهدفت غارات جوية أمس بلدات النعيمة وصيدا واليادودة في ريف درعا.\nوقتل ستة مدنيين جراء القصف على بلدة صيدا، التي تتعرض لغارات منذ أمس.",
			map[string]int{"صيدا": 6, "النعيمة": -1}},
		{"the dead of the place the sentence names, not of the story before", "قصفت قوات النظام أمس مدينة درعا.\nوقتل ستة مدنيين جراء القصف على بلدة صيدا، التي تتعرض لغارات منذ أمس.",
			map[string]int{"درعا": -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := extractOne(t, event.Article{ID: "t", Published: "2020-01-10", Text: tt.text})
			for part, want := range tt.want {
				found := false
				for _, e := range evs {
					if e.Location == nil || !strings.Contains(e.Location.Name, part) {
						continue
					}
					found = true
					got := -1
					if e.Fatalities != nil {
						got = *e.Fatalities
					}
					if got != want {
						t.Errorf("Extract(%q) at %s: fatalities %d; want %d (-1: null)", tt.text, part, got, want)
					}
				}
				if !found {
					t.Errorf("Extract(%q): no event at %s:%s", tt.text, part, describe(evs))
				}
			}
		})
	}
}

// "غرب قرية زردنا" lies at the village's edge, "غرب مدينة إدلب" outside a
// city: how far a direction moves the point follows what the place is.
func TestDirectionFromSmallPlaces(t *testing.T) {
	tests := []struct {
		text     string
		id       string
		min, max float64 // km from the named place's point
	}{
		{"قصفت قوات النظام أمس أطرافا غرب قرية زردنا.", "sy-nw-zardana", 1, 4},
		{"قصفت قوات النظام أمس مواقع غرب مدينة إدلب.", "sy-nw-idlib", 5, 10},
		// the airport the gazetteer holds whole, not the city it is named after
		{"قصفت الميليشيات أمس الأحياء السكنية شمال مطار الحديدة.", "w-ye-hodeidah-airport", 5, 10},
	}
	x := newTestExtractor(t)
	for _, tt := range tests {
		evs := extractOne(t, event.Article{ID: "t", Published: "2019-05-05", Text: tt.text})
		p := x.Gazetteer().ByID(tt.id)
		if p == nil {
			t.Fatalf("no %s in the gazetteer", tt.id)
		}
		if len(evs) != 1 || evs[0].Location == nil {
			t.Fatalf("Extract(%q):%s; want one placed event", tt.text, describe(evs))
		}
		l := evs[0].Location
		if l.GazetteerID != tt.id {
			t.Errorf("Extract(%q) placed at %s; want %s", tt.text, l.GazetteerID, tt.id)
		}
		if d := geo.Km(l.Lat, l.Lon, p.Lat, p.Lon); d < tt.min || d > tt.max {
			t.Errorf("Extract(%q) at %.1f km from %s; want %.0f–%.0f km", tt.text, d, tt.id, tt.min, tt.max)
		}
	}
}

// Without a publication date the date an outlet writes in the article's
// address is the publication date: "أمس" is the day before it, "اليوم" the
// day itself, both at day precision.
func TestDateFromURL(t *testing.T) {
	text := "قصفت قوات النظام أمس بلدة كفرنبل في ريف إدلب الجنوبي.\nوشنت الطائرات الروسية اليوم غارات على مدينة سراقب."
	evs := extractOne(t, event.Article{ID: "t", URL: "https://arabic.cnn.com/middle-east/2018/03/22/syria-strikes", Text: text})
	got := map[string]string{}
	for _, e := range evs {
		if e.Date != nil && e.Location != nil {
			got[e.Location.Name] = *e.Date + "/" + e.DatePrecision
		}
	}
	if got["بلدة كفرنبل"] != "2018-03-21/day" || got["مدينة سراقب"] != "2018-03-22/day" {
		t.Errorf("dates %v; want كفرنبل 2018-03-21/day and سراقب 2018-03-22/day", got)
	}
}

// A country named as a sentence's first word is read without looking
// before the text (it once indexed token -1).
func TestCountryFirstWord(t *testing.T) {
	evs, err := newTestExtractor(t).Extract(event.Article{ID: "t", Text: "باكستان اليوم دولة عسكرية يتم فيها اغتيال رئيسة سابقة للحكومة في وضح النهار."})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	for _, e := range evs {
		if e.Location != nil && e.Location.Country != "PAK" {
			t.Errorf("an event placed outside Pakistan:%s", describe(evs))
		}
	}
}

func TestQuietTypesKillNobody(t *testing.T) {
	tests := []struct{ name, text string }{
		{"reinforcements amid deadly shelling", "ووصلت تعزيزات عسكرية لقوات النظام إلى محيط بلدة كفرنبل، وسط قصف أدى إلى مقتل 14 شخصا."},
		{"a withdrawal after losses", "وانسحبت فصائل المعارضة من بلدة كفرنبل بعد مقتل 6 من عناصرها."},
		{"a truce after deadly raids", "وأكدت حماس مساء السبت التوصل إلى وقف لإطلاق النار في قطاع غزة إثر تصعيد شنت خلاله إسرائيل غارات خلفت قتيلين."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := extractOne(t, event.Article{ID: "t", Published: "2018-07-15", Text: tt.text})
			quiet := 0
			for _, e := range evs {
				if !quietTypes[e.EventType] {
					continue
				}
				quiet++
				if e.Fatalities != nil {
					t.Errorf("Extract(%q): %s with %d dead; want null", tt.text, e.EventType, *e.Fatalities)
				}
			}
			if quiet == 0 {
				t.Errorf("Extract(%q): no strategic event:%s", tt.text, describe(evs))
			}
		})
	}
}

// A distance given with a side ("على بعد 15 ميلا غربي حمص", "على بعد 5 كم
// شمال قاعدة حميميم") places the event that far from the place named, up
// to maxSideKm.
func TestDistanceFromPlace(t *testing.T) {
	tests := []struct {
		text     string
		lat, lon float64 // the place named
		km       float64
	}{
		{"وقصفت الصواريخ أمس منشأة عسكرية تقع على بعد 15 ميلا غربي حمص.", 34.7240, 36.7260, 24.1},
		{"وقصفت الصواريخ أمس منشأة عسكرية على بعد 20 كيلومترا غرب حمص.", 34.7240, 36.7260, 20},
		{"وأسقطت الدفاعات أمس طائرتين على بعد 5 كم شمال قاعدة حميميم.", 35.4010, 35.9490, 5},
		// farther than maxSideKm the place is a landmark: its side as without a distance
		{"وقصفت الطائرات أمس موقعا على بعد 80 كيلومترا غرب حمص.", 34.7240, 36.7260, 8},
	}
	for _, tt := range tests {
		evs := extractOne(t, event.Article{ID: "t", Published: "2018-04-14", Text: tt.text})
		if len(evs) != 1 || evs[0].Location == nil {
			t.Fatalf("Extract(%q) gave %s, want one placed event", tt.text, describe(evs))
		}
		l := evs[0].Location
		if d := geo.Km(l.Lat, l.Lon, tt.lat, tt.lon); d < tt.km-2 || d > tt.km+2 {
			t.Errorf("Extract(%q) placed it %.1f km from the place named, want %.0f", tt.text, d, tt.km)
		}
	}
}
