package baseline

import "axis"

// knownActors is a stand-in list until the gazetteer lands.
func knownActors() []axis.Actor {
	var out []axis.Actor
	for _, c := range []string{"NATO", "EU", "UN", "SCO", "BRICS", "CSTO", "ASEAN", "AUKUS", "QUAD", "G7", "OPEC", "IAEA"} {
		out = append(out, axis.Actor{Code: c, Name: c, Kind: axis.ActorOrganization})
	}
	for _, c := range []string{"HOUTHIS", "HEZBOLLAH", "HAMAS", "WAGNER"} {
		out = append(out, axis.Actor{Code: c, Name: c, Kind: axis.ActorArmedGroup})
	}
	for _, c := range []string{"RUS", "CHN", "PRK", "IRN", "BLR", "USA", "JPN", "KOR", "PHL", "AUS", "TWN", "UKR", "IND", "NZL",
		"BEL", "NLD", "FRA", "LUX", "GBR", "CAN", "PRT", "ITA", "NOR", "DNK", "ISL", "GRC", "TUR", "DEU", "ESP", "POL", "CZE", "HUN",
		"EST", "BGR", "LTU", "LVA", "ROU", "SVK", "SVN", "ALB", "HRV", "MNE", "MKD", "FIN", "SWE", "AUT", "IRL", "CYP", "MLT",
		"ARM", "KAZ", "KGZ", "TJK", "UZB", "PAK", "BRA", "ZAF", "EGY", "ETH", "ARE", "ISR", "SYR", "YEM", "SAU", "LBN"} {
		out = append(out, axis.Actor{Code: c, Name: c, Kind: axis.ActorState})
	}
	return out
}
