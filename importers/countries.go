package importers

import "strings"

// Country is a state the importers know by name and by Correlates of War
// (COW) number, so datasets can be mapped even when the gazetteer does not
// list the state. Code is ISO 3166-1 alpha-3 for existing states and a
// readable code for historical ones (see HistoricalCountries).
type Country struct {
	Code    string
	Name    string
	COW     int // COW state number, 0 when COW has none
	Aliases []string
	// Historical states no longer exist; they become axis actors with
	// Historical set.
	Historical bool
}

// Countries lists every state of the COW state system (v2016) that still
// exists, by its ISO code, plus Palestine and Kosovo. Aliases are the names
// SIPRI, ATOP and GDELT-style sources use.
var Countries = []Country{
	{"USA", "United States", 2, []string{"United States of America", "US", "U.S."}, false},
	{"CAN", "Canada", 20, nil, false},
	{"BHS", "Bahamas", 31, nil, false},
	{"CUB", "Cuba", 40, nil, false},
	{"HTI", "Haiti", 41, nil, false},
	{"DOM", "Dominican Republic", 42, nil, false},
	{"JAM", "Jamaica", 51, nil, false},
	{"TTO", "Trinidad and Tobago", 52, nil, false},
	{"BRB", "Barbados", 53, nil, false},
	{"DMA", "Dominica", 54, nil, false},
	{"GRD", "Grenada", 55, nil, false},
	{"LCA", "Saint Lucia", 56, []string{"St. Lucia", "St Lucia"}, false},
	{"VCT", "Saint Vincent and the Grenadines", 57, []string{"St. Vincent and the Grenadines", "St. Vincent"}, false},
	{"ATG", "Antigua and Barbuda", 58, []string{"Antigua & Barbuda"}, false},
	{"KNA", "Saint Kitts and Nevis", 60, []string{"St. Kitts and Nevis"}, false},
	{"MEX", "Mexico", 70, nil, false},
	{"BLZ", "Belize", 80, nil, false},
	{"GTM", "Guatemala", 90, nil, false},
	{"HND", "Honduras", 91, nil, false},
	{"SLV", "El Salvador", 92, nil, false},
	{"NIC", "Nicaragua", 93, nil, false},
	{"CRI", "Costa Rica", 94, nil, false},
	{"PAN", "Panama", 95, nil, false},
	{"COL", "Colombia", 100, nil, false},
	{"VEN", "Venezuela", 101, nil, false},
	{"GUY", "Guyana", 110, nil, false},
	{"SUR", "Suriname", 115, nil, false},
	{"ECU", "Ecuador", 130, nil, false},
	{"PER", "Peru", 135, nil, false},
	{"BRA", "Brazil", 140, nil, false},
	{"BOL", "Bolivia", 145, nil, false},
	{"PRY", "Paraguay", 150, nil, false},
	{"CHL", "Chile", 155, nil, false},
	{"ARG", "Argentina", 160, nil, false},
	{"URY", "Uruguay", 165, nil, false},
	{"GBR", "United Kingdom", 200, []string{"UK", "Great Britain", "Britain"}, false},
	{"IRL", "Ireland", 205, nil, false},
	{"NLD", "Netherlands", 210, []string{"Holland"}, false},
	{"BEL", "Belgium", 211, nil, false},
	{"LUX", "Luxembourg", 212, nil, false},
	{"FRA", "France", 220, nil, false},
	{"MCO", "Monaco", 221, nil, false},
	{"LIE", "Liechtenstein", 223, nil, false},
	{"CHE", "Switzerland", 225, nil, false},
	{"ESP", "Spain", 230, nil, false},
	{"AND", "Andorra", 232, nil, false},
	{"PRT", "Portugal", 235, nil, false},
	{"DEU", "Germany", 255, nil, false},
	{"POL", "Poland", 290, nil, false},
	{"AUT", "Austria", 305, nil, false},
	{"HUN", "Hungary", 310, nil, false},
	{"CZE", "Czechia", 316, []string{"Czech Republic"}, false},
	{"SVK", "Slovakia", 317, nil, false},
	{"ITA", "Italy", 325, []string{"Sardinia", "Piedmont-Sardinia"}, false},
	{"SMR", "San Marino", 331, nil, false},
	{"MLT", "Malta", 338, nil, false},
	{"ALB", "Albania", 339, nil, false},
	{"MNE", "Montenegro", 341, nil, false},
	{"MKD", "North Macedonia", 343, []string{"Macedonia", "Macedonia (FYROM)"}, false},
	{"HRV", "Croatia", 344, nil, false},
	{"SRB", "Serbia", 0, nil, false}, // COW 345, by year (see COWCode)
	{"BIH", "Bosnia and Herzegovina", 346, []string{"Bosnia-Herzegovina"}, false},
	{"XKX", "Kosovo", 347, nil, false},
	{"SVN", "Slovenia", 349, nil, false},
	{"GRC", "Greece", 350, nil, false},
	{"CYP", "Cyprus", 352, nil, false},
	{"BGR", "Bulgaria", 355, nil, false},
	{"MDA", "Moldova", 359, nil, false},
	{"ROU", "Romania", 360, nil, false},
	{"RUS", "Russia", 365, []string{"Russian Federation"}, false},
	{"EST", "Estonia", 366, nil, false},
	{"LVA", "Latvia", 367, nil, false},
	{"LTU", "Lithuania", 368, nil, false},
	{"UKR", "Ukraine", 369, nil, false},
	{"BLR", "Belarus", 370, nil, false},
	{"ARM", "Armenia", 371, nil, false},
	{"GEO", "Georgia", 372, nil, false},
	{"AZE", "Azerbaijan", 373, nil, false},
	{"FIN", "Finland", 375, nil, false},
	{"SWE", "Sweden", 380, nil, false},
	{"NOR", "Norway", 385, nil, false},
	{"DNK", "Denmark", 390, nil, false},
	{"ISL", "Iceland", 395, nil, false},
	{"CPV", "Cabo Verde", 402, []string{"Cape Verde"}, false},
	{"STP", "Sao Tome and Principe", 403, nil, false},
	{"GNB", "Guinea-Bissau", 404, nil, false},
	{"GNQ", "Equatorial Guinea", 411, nil, false},
	{"GMB", "Gambia", 420, nil, false},
	{"MLI", "Mali", 432, nil, false},
	{"SEN", "Senegal", 433, nil, false},
	{"BEN", "Benin", 434, nil, false},
	{"MRT", "Mauritania", 435, nil, false},
	{"NER", "Niger", 436, nil, false},
	{"CIV", "Cote d'Ivoire", 437, []string{"Ivory Coast", "Côte d'Ivoire"}, false},
	{"GIN", "Guinea", 438, nil, false},
	{"BFA", "Burkina Faso", 439, nil, false},
	{"LBR", "Liberia", 450, nil, false},
	{"SLE", "Sierra Leone", 451, nil, false},
	{"GHA", "Ghana", 452, nil, false},
	{"TGO", "Togo", 461, nil, false},
	{"CMR", "Cameroon", 471, nil, false},
	{"NGA", "Nigeria", 475, nil, false},
	{"GAB", "Gabon", 481, nil, false},
	{"CAF", "Central African Republic", 482, []string{"CAR"}, false},
	{"TCD", "Chad", 483, nil, false},
	{"COG", "Congo", 484, []string{"Republic of the Congo", "Congo-Brazzaville"}, false},
	{"COD", "DR Congo", 490, []string{"Democratic Republic of the Congo", "DRC", "Zaire"}, false},
	{"UGA", "Uganda", 500, nil, false},
	{"KEN", "Kenya", 501, nil, false},
	{"TZA", "Tanzania", 510, nil, false},
	{"BDI", "Burundi", 516, nil, false},
	{"RWA", "Rwanda", 517, nil, false},
	{"SOM", "Somalia", 520, nil, false},
	{"DJI", "Djibouti", 522, nil, false},
	{"ETH", "Ethiopia", 530, nil, false},
	{"ERI", "Eritrea", 531, nil, false},
	{"AGO", "Angola", 540, nil, false},
	{"MOZ", "Mozambique", 541, nil, false},
	{"ZMB", "Zambia", 551, nil, false},
	{"ZWE", "Zimbabwe", 552, nil, false},
	{"MWI", "Malawi", 553, nil, false},
	{"ZAF", "South Africa", 560, nil, false},
	{"NAM", "Namibia", 565, nil, false},
	{"LSO", "Lesotho", 570, nil, false},
	{"BWA", "Botswana", 571, nil, false},
	{"SWZ", "Eswatini", 572, []string{"Swaziland"}, false},
	{"MDG", "Madagascar", 580, nil, false},
	{"COM", "Comoros", 581, nil, false},
	{"MUS", "Mauritius", 590, nil, false},
	{"SYC", "Seychelles", 591, nil, false},
	{"MAR", "Morocco", 600, nil, false},
	{"DZA", "Algeria", 615, nil, false},
	{"TUN", "Tunisia", 616, nil, false},
	{"LBY", "Libya", 620, nil, false},
	{"SDN", "Sudan", 625, nil, false},
	{"SSD", "South Sudan", 626, nil, false},
	{"IRN", "Iran", 630, []string{"Persia"}, false},
	{"TUR", "Turkey", 640, []string{"Türkiye", "Turkiye", "Ottoman Empire"}, false},
	{"IRQ", "Iraq", 645, nil, false},
	{"EGY", "Egypt", 651, nil, false},
	{"SYR", "Syria", 652, nil, false},
	{"LBN", "Lebanon", 660, nil, false},
	{"JOR", "Jordan", 663, nil, false},
	{"ISR", "Israel", 666, nil, false},
	{"SAU", "Saudi Arabia", 670, nil, false},
	{"YEM", "Yemen", 679, []string{"North Yemen", "Yemen Arab Republic"}, false},
	{"KWT", "Kuwait", 690, nil, false},
	{"BHR", "Bahrain", 692, nil, false},
	{"QAT", "Qatar", 694, nil, false},
	{"ARE", "United Arab Emirates", 696, []string{"UAE"}, false},
	{"OMN", "Oman", 698, nil, false},
	{"AFG", "Afghanistan", 700, nil, false},
	{"TKM", "Turkmenistan", 701, nil, false},
	{"TJK", "Tajikistan", 702, nil, false},
	{"KGZ", "Kyrgyzstan", 703, nil, false},
	{"UZB", "Uzbekistan", 704, nil, false},
	{"KAZ", "Kazakhstan", 705, nil, false},
	{"CHN", "China", 710, []string{"People's Republic of China", "PRC"}, false},
	{"MNG", "Mongolia", 712, nil, false},
	{"TWN", "Taiwan", 713, []string{"Taiwan (ROC)", "Republic of China"}, false},
	{"PRK", "North Korea", 731, []string{"DPRK", "Korea, North", "Democratic People's Republic of Korea"}, false},
	{"KOR", "South Korea", 732, []string{"Korea, South", "Republic of Korea", "ROK"}, false},
	{"JPN", "Japan", 740, nil, false},
	{"IND", "India", 750, nil, false},
	{"BTN", "Bhutan", 760, nil, false},
	{"PAK", "Pakistan", 770, nil, false},
	{"BGD", "Bangladesh", 771, nil, false},
	{"MMR", "Myanmar", 775, []string{"Burma"}, false},
	{"LKA", "Sri Lanka", 780, nil, false},
	{"MDV", "Maldives", 781, nil, false},
	{"NPL", "Nepal", 790, nil, false},
	{"THA", "Thailand", 800, nil, false},
	{"KHM", "Cambodia", 811, nil, false},
	{"LAO", "Laos", 812, nil, false},
	{"VNM", "Viet Nam", 816, []string{"Vietnam", "North Vietnam"}, false},
	{"MYS", "Malaysia", 820, nil, false},
	{"SGP", "Singapore", 830, nil, false},
	{"BRN", "Brunei", 835, nil, false},
	{"PHL", "Philippines", 840, nil, false},
	{"IDN", "Indonesia", 850, nil, false},
	{"TLS", "Timor-Leste", 860, []string{"East Timor"}, false},
	{"AUS", "Australia", 900, nil, false},
	{"PNG", "Papua New Guinea", 910, nil, false},
	{"NZL", "New Zealand", 920, nil, false},
	{"VUT", "Vanuatu", 935, nil, false},
	{"SLB", "Solomon Islands", 940, nil, false},
	{"KIR", "Kiribati", 946, nil, false},
	{"TUV", "Tuvalu", 947, nil, false},
	{"FJI", "Fiji", 950, nil, false},
	{"TON", "Tonga", 955, nil, false},
	{"NRU", "Nauru", 970, nil, false},
	{"MHL", "Marshall Islands", 983, nil, false},
	{"PLW", "Palau", 986, nil, false},
	{"FSM", "Micronesia", 987, nil, false},
	{"WSM", "Samoa", 990, nil, false},
	{"PSE", "Palestine", 0, []string{"Palestinian Territories", "State of Palestine"}, false},
	{"VAT", "Holy See", 0, []string{"Vatican"}, false},
}

// HistoricalCountries are states of the COW system that no longer exist.
// They become actors with Historical set. Codes are ISO 3166-3 former codes
// where one exists (SUN, CSK, DDR, YUG, YMD, SCG), else the gazetteer's code
// (PRU, FRG, AUH, RVN) or a readable name for the small states of the 19th
// century that the gazetteer does not list.
var HistoricalCountries = []Country{
	{"SUN", "Soviet Union", 0, []string{"USSR", "Union of Soviet Socialist Republics"}, true}, // COW 365, 1922-1991
	{"PRU", "Prussia", 0, nil, true}, // COW 255 before 1871
	{"FRG", "West Germany", 260, []string{"German Federal Republic"}, true},
	{"SCG", "Serbia and Montenegro", 0, nil, true}, // COW 345, 2003-2005
	{"AUH", "Austria-Hungary", 300, []string{"Austrian Empire", "Austria-Hungary"}, true},
	{"CSK", "Czechoslovakia", 315, nil, true},
	{"DDR", "German Democratic Republic", 265, []string{"East Germany", "GDR"}, true},
	{"YUG", "Yugoslavia", 0, nil, true}, // COW 345, 1918-2002
	{"YMD", "South Yemen", 680, []string{"Yemen People's Republic", "People's Democratic Republic of Yemen"}, true},
	{"RVN", "South Vietnam", 817, []string{"Republic of Vietnam"}, true},
	{"KOREA", "Korea (Joseon / Korean Empire)", 730, nil, true},
	{"HANOVER", "Hanover", 240, nil, true},
	{"BAVARIA", "Bavaria", 245, nil, true},
	{"BADEN", "Baden", 267, nil, true},
	{"SAXONY", "Saxony", 269, nil, true},
	{"WURTTEMBERG", "Wuerttemberg", 271, []string{"Württemberg"}, true},
	{"HESSE_ELECTORAL", "Hesse Electoral", 273, nil, true},
	{"HESSE_GRAND_DUCAL", "Hesse Grand Ducal", 275, nil, true},
	{"MECKLENBURG", "Mecklenburg-Schwerin", 280, nil, true},
	{"PAPAL_STATES", "Papal States", 327, nil, true},
	{"TWO_SICILIES", "Two Sicilies", 329, nil, true},
	{"MODENA", "Modena", 332, nil, true},
	{"PARMA", "Parma", 335, nil, true},
	{"TUSCANY", "Tuscany", 337, nil, true},
	{"UPCA", "United Provinces of Central America", 89, nil, true},
	{"GRAN_COLOMBIA", "Gran Colombia", 99, []string{"Great Colombia"}, true},
	{"ZANZIBAR", "Zanzibar", 511, nil, true},
	{"TRANSVAAL", "Transvaal", 563, nil, true},
	{"ORANGE_FREE_STATE", "Orange Free State", 564, nil, true},
}

var (
	byCode = map[string]*Country{}
	byCOW  = map[int]*Country{}
	byName = map[string]*Country{}
)

func init() {
	for _, list := range [][]Country{Countries, HistoricalCountries} {
		for i := range list {
			c := &list[i]
			byCode[c.Code] = c
			if c.COW != 0 {
				byCOW[c.COW] = c
			}
			byName[NormName(c.Name)] = c
			for _, a := range c.Aliases {
				byName[NormName(a)] = c
			}
		}
	}
	// COW numbers whose state changed identity over time resolve through
	// COWCode; the table needs them for Name lookups only.
	byCOW[678] = byCode["YEM"] // Yemen Arab Republic, continued as Yemen
}

// CountryByCode returns the table entry for an axis code, or nil.
func CountryByCode(code string) *Country { return byCode[code] }

// CountryByName returns the table entry for a name or alias (case and
// punctuation insensitive), or nil.
func CountryByName(name string) *Country { return byName[NormName(name)] }

// COWCode maps a COW state number to an axis code for a given year (the
// year decides for numbers COW kept across a change of state: 255 is
// Prussia before 1871 and Germany after; 365 is the Soviet Union from 1922
// to 1991; 345 is Yugoslavia from 1918 to 2002, Serbia and Montenegro to
// 2005 and Serbia otherwise; 260 is West Germany). It
// returns "" for a number it does not know. A zero year takes the modern
// state.
func COWCode(ccode, year int) string {
	switch ccode {
	case 255:
		if year != 0 && year < 1871 {
			return "PRU"
		}
		return "DEU"
	case 365:
		if year >= 1922 && year <= 1991 {
			return "SUN"
		}
		return "RUS"
	case 345:
		switch {
		case year >= 1918 && year <= 2002:
			return "YUG"
		case year >= 2003 && year <= 2005:
			return "SCG"
		}
		return "SRB"
	}
	if c := byCOW[ccode]; c != nil {
		return c.Code
	}
	return ""
}

// NormName folds a name for lookups: lower case, "&" as "and", and
// punctuation and extra spaces removed.
func NormName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "&", " and ")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '.' || r == '’':
			// dropped: "Cote d'Ivoire" == "cote divoire", "U.S." == "us"
		default:
			space = true
		}
	}
	return b.String()
}
