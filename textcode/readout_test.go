package textcode

import "testing"

// Official readouts, procurement figures, designations, coreference and
// warnings: the phrasings of the third blind round (fixture actors only).
func TestReadoutAndFigureStyles(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"recency adjective before a name", "Tehran condemned the latest American sanctions.", []string{"IRN>USA condemn - confirmed", "USA>IRN sanction - confirmed"}},
		{"as many as is a measure, not a clause", "Pyongyang has sent as many as 40 howitzers to Moscow.", []string{"PRK>RUS arms artillery_systems confirmed"}},
		{"as well as", "Japan sent helmets as well as rifles to Ukraine.", []string{"JPN>UKR arms small_arms confirmed"}},
		{"package of sanctions", "Tokyo adopted a fresh package of sanctions on Moscow.", []string{"JPN>RUS sanction - confirmed"}},
		{"round of tariffs", "Washington imposed a new round of tariffs on Beijing.", []string{"USA>CHN sanction - confirmed"}},
		{"designation then fighters is aircraft", "Moscow delivered 12 Su-35 fighters to Tehran.", []string{"RUS>IRN arms aircraft confirmed"}},
		{"model names", "The US has shipped more Stinger missiles and K2 tanks to Kyiv.", []string{"USA>UKR arms air_defense confirmed", "USA>UKR arms armored_vehicles confirmed"}},
		{"denial by calling it baseless", "Pyongyang rejected as baseless the claims that it had sent troops to Russia.", []string{"PRK>RUS troops combat_troops denied"}},
		{"representations are a protest", "Beijing lodged stern representations with Tokyo over the visit.", []string{"CHN>JPN condemn - confirmed"}},
		{"strategic cooperative partnership", "China and Russia upgraded their strategic cooperative partnership.", []string{"CHN-RUS strategic_partnership - confirmed"}},
	})
}

func TestAppositiveAndLatter(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"its neighbour heads nothing", "Seoul accused its neighbour North Korea of shelling its islands.", []string{"KOR>PRK condemn - confirmed"}},
		{"its northern neighbour", "Finland sent rifles to its eastern neighbour Ukraine.", []string{"FIN>UKR arms small_arms confirmed"}},
		{"the latter", "Iran sent drones to Russia, and the latter sold jets to it.", []string{"IRN>RUS arms drones confirmed", "RUS>IRN arms aircraft confirmed"}},
		{"the former", "Japan bought drones from Finland, and the former later sold rifles to Ukraine.", []string{"FIN>JPN arms drones confirmed", "JPN>UKR arms small_arms confirmed"}},
		{"the latter needs two names", "The latter sent drones to Russia.", nil},
		{"them as a recipient", "Tehran sold drones to Moscow and later helped them build a drone factory.", []string{"IRN>RUS arms drones confirmed", "IRN>RUS technology drone_production confirmed"}},
		{"them as the things", "Iran built drones and sent them to Russia.", nil},
	})
}

func TestWarningsAndAgreedActs(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"warning of one's own strike is a threat", "Russia has warned that it could strike depots in Finland.", []string{"RUS>FIN attack - prospective", "RUS>FIN threaten - confirmed"}},
		{"conditional warning is still made", "Pyongyang warned that it would attack Seoul if provoked.", []string{"PRK>KOR attack - prospective", "PRK>KOR threaten - confirmed"}},
		{"said warning", "Moscow has threatened that it will strike Kyiv, officials said.", []string{"RUS>UKR attack - prospective", "RUS>UKR threaten - reported"}},
		{"warning about another's strike is no threat", "Tokyo warned that Beijing could attack Seoul.", []string{"CHN>KOR attack - prospective"}},
		{"agreed to share is the sharing", "Washington and Tokyo agreed to share intelligence.", []string{"JPN>USA intelligence intelligence confirmed", "USA>JPN intelligence intelligence confirmed"}},
		{"agreed to build stays an agreement", "Moscow and Pyongyang agreed to build a power plant.", []string{"PRK-RUS agreement - confirmed"}},
	})
}

func TestTradeFiguresAndFiring(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"exports with no item are trade", "Japan's exports to China fell by 8% last year.", []string{"JPN>CHN trade - confirmed"}},
		{"imports with no item are trade", "Japan's imports from Iran rose to $3bn.", []string{"IRN>JPN trade - confirmed"}},
		{"an item makes it no trade", "Japan's rice exports to China rose.", []string{"JPN>CHN food food confirmed"}},
		{"possessor of imports imports", "Japan's arms imports from the United States doubled.", []string{"USA>JPN arms other_arms confirmed"}},
		{"accounted for a share of imports", "Moscow accounted for 36% of Tehran's arms imports.", []string{"RUS>IRN arms other_arms confirmed"}},
		{"share of imports", "China's share of Russia's imports of microchips rose to 90 percent.", []string{"CHN>RUS dual_use microelectronics confirmed"}},
		{"fired foreign missiles", "Moscow has fired North Korean missiles at Kyiv.", []string{"PRK>RUS arms ballistic_missiles confirmed", "RUS>UKR attack missile confirmed"}},
		{"struck foreign defences is an attack on them", "Washington struck Iranian air defences.", []string{"USA>IRN attack - confirmed"}},
	})
}

func TestReadoutSupportAndMembers(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"firmly supports", "The Chinese side firmly supports the Iranian government.", []string{"CHN>IRN diplomatic_support - confirmed"}},
		{"bare support codes nothing", "Japan supports reforms in Ukraine.", nil},
		{"welcomed as a member joins", "NATO welcomed Finland as its newest member.", []string{"FIN>NATO membership - confirmed"}},
		{"welcomed as a friend visits", "Beijing welcomed Putin as an old friend.", []string{"RUS>CHN visit - confirmed"}},
		{"a member country is not the organisation", "Moscow denied planning to attack a NATO country.", nil},
		{"member countries still act for it", "NATO countries condemned Russia.", []string{"NATO>RUS condemn - confirmed"}},
	})
}

func TestAgentsOfObjectsAndDeals(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"condemned the drills by", "Pyongyang denounced the joint drills by the United States and South Korea.", []string{"KOR-USA joint_exercise - confirmed", "PRK>KOR condemn - confirmed", "PRK>USA condemn - confirmed"}},
		{"condemned the launch by", "Tokyo condemned the latest launch by North Korea.", []string{"JPN>PRK condemn - confirmed"}},
		{"suppliers under a deal are not its parties", "Ukraine received tanks from the United States and Japan under a deal.", []string{"JPN>UKR arms armored_vehicles confirmed", "USA>UKR arms armored_vehicles confirmed"}},
		{"a list opening the sentence still joins", "Troops from Russia and China took part in the exercise.", []string{"CHN-RUS joint_exercise - confirmed"}},
		{"an arms deal is no agreement", "Pyongyang called reports of arms deals with Moscow absurd.", nil},
	})
}

func TestSuppliersThreatNounsAndGuesses(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"supplier as an object is not the subject", "Japan buys Iranian oil and has defended its supplier at the UN.", []string{"IRN>JPN energy oil confirmed"}},
		{"supplier after a copula", "Iran has become a key supplier of drones to Russia.", []string{"IRN>RUS arms drones confirmed"}},
		{"countermeasures taken", "Pyongyang vowed to take military countermeasures against Seoul.", []string{"PRK>KOR threaten - prospective"}},
		{"may have is a guess about the past", "North Korea may have shipped as many as 6 million shells to Russia.", []string{"PRK>RUS arms artillery_ammunition reported"}},
		{"may is a plan", "North Korea may ship more shells to Russia.", []string{"PRK>RUS arms artillery_ammunition prospective"}},
	})
}

func TestFlowsFrom(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"flows from X to Y", "Gas flows from Russia to China reached a record.", []string{"RUS>CHN energy gas confirmed"}},
		{"deliveries from X to Y", "Deliveries of jets from Russia to Iran began in May.", []string{"RUS>IRN arms aircraft confirmed"}},
		{"from without a recipient names no source", "Shipments from Russia rose.", nil},
		{"agreed to sell is the sale", "Seoul agreed to sell tanks to Tokyo.", []string{"KOR>JPN arms armored_vehicles confirmed"}},
	})
}

func TestAfterOpensAClause(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"after X signed", "Seoul protested after Moscow signed a mutual defence treaty with Pyongyang.", []string{"KOR>RUS condemn - confirmed", "PRK-RUS defense_pact - confirmed"}},
		{"after a name with no verb stays a preposition", "After Finland, Japan sent rifles to Ukraine.", []string{"JPN>UKR arms small_arms confirmed"}},
	})
}

func TestPlansAndResponses(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"respond with sanctions", "Tokyo would respond with sanctions on Chinese banks.", []string{"JPN>CHN sanction - prospective"}},
		{"planning an invasion", "Moscow denied that it was planning an invasion of Finland.", []string{"RUS>FIN attack ground denied"}},
		{"preparing an offensive", "Russia is preparing a new offensive against Ukraine.", []string{"RUS>UKR attack - prospective"}},
	})
}

func TestItemModifierIsNoSubject(t *testing.T) {
	codeCases(t, []struct {
		name, text string
		want       []string
	}{
		{"coordinated verb keeps the first subject", "Beijing opposes the latest US arms sale to Tokyo and has lodged representations with Washington.", []string{"CHN>USA condemn - confirmed", "USA>JPN arms other_arms confirmed"}},
	})
}
