"""Demo content for warta: sections, desks, wire services, tags and articles.

Everything here was written for this project. Bylines are desks, not people, and
statements are attributed to institutions. Pictures are drawn by code from the
``motif`` and ``palette`` of each ``Picture``.
"""

from pathlib import Path

from warta.wire.services import SourceSettings

from .content_types import Break, DemoArticle, Embed, Para, Picture, Quote, Sub

ILLUSTRATION = "Warta Daily/Illustration"

SECTIONS = (
    (
        "indonesia",
        "Indonesia",
        (
            "National news from across the archipelago: politics, government, cities and the "
            "regions."
        ),
    ),
    (
        "world",
        "World",
        (
            "Major international news, diplomacy and global affairs, with an eye on what they "
            "mean for Indonesia."
        ),
    ),
    (
        "asia-pacific",
        "Asia & Pacific",
        (
            "Reporting from Southeast Asia, East Asia, South Asia and the Pacific, Indonesia's "
            "neighbourhood."
        ),
    ),
    (
        "business",
        "Business",
        "The Indonesian and regional economy, markets, companies, trade and personal finance.",
    ),
    (
        "opinion",
        "Opinion",
        (
            "Editorials from Warta Daily's Editorial Board and argued commentary on the issues of "
            "the day."
        ),
    ),
    (
        "culture",
        "Culture",
        "Arts, film, food, books and the ways Indonesians live, work and spend their free time.",
    ),
)

AUTHORS = (
    (
        "jakarta-desk",
        "Jakarta Desk",
        "Staff reporters",
        (
            "The Jakarta Desk covers national politics, government policy, the capital and the "
            "regions of Indonesia."
        ),
    ),
    (
        "business-desk",
        "Business Desk",
        "Staff reporters",
        (
            "The Business Desk reports on markets, companies, trade, energy and the Indonesian "
            "economy."
        ),
    ),
    (
        "asia-desk",
        "Asia Desk",
        "Regional correspondents",
        (
            "The Asia Desk follows Southeast Asia and the wider Asia-Pacific region from Jakarta "
            "and partner bureaus."
        ),
    ),
    (
        "world-desk",
        "World Desk",
        "Foreign news editors",
        (
            "The World Desk edits and explains international news, drawing on wire services and "
            "Warta Daily's own reporting."
        ),
    ),
    (
        "culture-desk",
        "Culture Desk",
        "Arts and lifestyle writers",
        "The Culture Desk writes about art, film, music, food and everyday life in Indonesia.",
    ),
    (
        "editorial-board",
        "Editorial Board",
        "Opinion",
        (
            "The Editorial Board sets out Warta Daily's institutional views. Editorials are "
            "unsigned and reflect the consensus of senior editors."
        ),
    ),
    (
        "data-team",
        "Data Team",
        "Data journalists",
        (
            "The Data Team analyses official statistics, budgets and public records to explain "
            "the numbers behind the news."
        ),
    ),
)

WIRE_SOURCES = (
    ("reuters", "Reuters", "Reuters", "https://www.reuters.com"),
    ("afp", "AFP", "AFP", "https://www.afp.com"),
    ("ap", "Associated Press", "AP", "https://apnews.com"),
    ("antara", "Antara", "Antara", "https://en.antaranews.com"),
)

# The wire desk's demo feed: a fictional agency whose files are in warta/demo/wire_feed/
# (README: "The wire desk"). Its category codes pick the section; other subjects become tags.
DEMO_WIRE = SourceSettings(
    name="Lumen Wire",
    format="ninjs",
    section_slug="indonesia",
    publish_mode="now",
    access_level="free",
    time_zone="Asia/Jakarta",
    credit="Lumen Wire",
    categories={
        "lumen:nasional": "indonesia",
        "lumen:bisnis": "business",
        "lumen:budaya": "culture",
    },
)
DEMO_WIRE_FEED = Path(__file__).parent / "wire_feed"

TAGS = (
    ("economy", "Economy"),
    ("rupiah", "Rupiah"),
    ("bank-indonesia", "Bank Indonesia"),
    ("markets", "Markets"),
    ("trade", "Trade"),
    ("energy", "Energy"),
    ("transport", "Transport"),
    ("infrastructure", "Infrastructure"),
    ("climate", "Climate"),
    ("disasters", "Disasters"),
    ("elections", "Elections"),
    ("technology", "Technology"),
    ("food", "Food"),
    ("agriculture", "Agriculture"),
    ("health", "Health"),
    ("labour", "Labour"),
    ("security", "Security"),
    ("diplomacy", "Diplomacy"),
    ("china", "China"),
    ("asean", "ASEAN"),
    ("nusantara", "Nusantara"),
    ("jakarta", "Jakarta"),
    ("arts", "Arts"),
    ("film", "Film"),
    ("tourism", "Tourism"),
)

ARTICLES = (
    DemoArticle(
        key="jakarta-mrt-east-west-line-tender",
        headline="Jakarta opens tender for first phase of east-west MRT line",
        dek=(
            "The city-owned rail operator is seeking contractors for elevated and "
            "underground sections linking the eastern suburbs to the centre, a project "
            "planners say could ease one of the capital's most congested corridors."
        ),
        section="indonesia",
        access="free",
        hours_ago=3.5,
        authors=("jakarta-desk",),
        dateline="Jakarta",
        top_story=3,
        tags=("transport", "infrastructure", "jakarta"),
        hero=Picture(
            key="jakarta-mrt-east-west",
            motif="skyline",
            palette="dawn",
            alt=(
                "Illustration of a city skyline at dawn with an elevated rail viaduct "
                "crossing the foreground"
            ),
            caption=(
                "The east-west line would link Jakarta's eastern suburbs with the city centre."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Jakarta's mass rapid transit operator has opened bidding for the civil works "
                "of the first phase of its planned east-west line, inviting domestic and "
                "foreign contractors to submit proposals for stations, tunnels and viaducts "
                "along a corridor that carries hundreds of thousands of commuters every day."
            ),
            Para(
                "The operator said in a statement that the first phase would run from the "
                "eastern edge of the city towards the centre, where it would connect with the "
                "existing north-south line. Bidders will be assessed on technical capacity, "
                "safety records and local content, with contracts expected to be signed next "
                "year."
            ),
            Sub("Financing and timing"),
            Para(
                "Funding for the project is expected to combine loans from development "
                "partners with central and regional government budgets. Officials at the "
                "transport ministry said the financing structure would be finalised once "
                "preferred bidders had been selected and cost estimates confirmed."
            ),
            Para(
                "Urban planners have long argued that the east-west corridor is the missing "
                "piece of Jakarta's rail network. Many residents of Bekasi and the satellite "
                "towns beyond it rely on buses, motorcycles and a crowded commuter train "
                "line, and journeys of two hours or more each way are not unusual."
            ),
            Quote(
                text=(
                    "The east-west line is designed to move people, not cars, and every "
                    "station will be planned with walking routes and feeder buses in mind."
                ),
                attribution="Statement from the city rail operator",
            ),
            Para(
                "Construction along busy roads is likely to bring years of disruption. The "
                "operator said it would publish traffic management plans for each work zone "
                "before excavation begins, and would coordinate with the city's bus network "
                "to add services where lanes are narrowed."
            ),
        ),
    ),
    DemoArticle(
        key="nusantara-civil-servants-second-wave",
        headline="Second wave of civil servants prepares for move to Nusantara",
        dek=(
            "Ministries are drawing up lists of staff who will relocate to the new capital "
            "in East Kalimantan, as officials weigh the readiness of housing against "
            "pressure to show that the city is working."
        ),
        section="indonesia",
        access="free",
        hours_ago=26,
        authors=("jakarta-desk",),
        dateline="Jakarta",
        tags=("nusantara", "labour", "infrastructure"),
        hero=Picture(
            key="nusantara-government-core",
            motif="forest",
            palette="jade",
            alt=(
                "Illustration of low office towers rising from a green forest canopy under "
                "a pale sky"
            ),
            caption="Government offices in Nusantara stand amid the forests of East Kalimantan.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Government ministries have begun compiling the names of civil servants who "
                "will form the next group to relocate to Nusantara, the new capital rising in "
                "the forests of East Kalimantan, according to a circular from the ministry "
                "responsible for the state apparatus."
            ),
            Para(
                "The circular asks each institution to give priority to staff whose work is "
                "directly linked to offices already built in the government core area, and to "
                "report how many employees would bring their families. Officials said the "
                "number who move will depend on how many apartment towers are ready to be "
                "occupied."
            ),
            Para(
                "Civil servants who moved earlier have described a quiet city with good roads "
                "and new offices but limited shops, schools and health services. The capital "
                "authority said it was working with private investors to open more retail "
                "outlets, clinics and a second school before the next group arrives."
            ),
            Sub("Costs and incentives"),
            Para(
                "Relocating employees receive allowances to cover moving and living costs, "
                "and some ministries are offering flexible schedules that let staff return to "
                "Jakarta periodically. Unions representing government employees have asked "
                "for clear written guarantees on housing, transport and schooling for "
                "children."
            ),
            Para(
                "The government has said the move will be gradual and that Jakarta will "
                "remain the country's commercial centre for the foreseeable future. "
                "Economists note that the pace of relocation will shape how quickly private "
                "developers commit capital to the new city."
            ),
        ),
    ),
    DemoArticle(
        key="bps-rice-harvest-estimate",
        headline="Statistics agency expects larger rice harvest after a wetter dry season",
        dek=(
            "Preliminary estimates from Statistics Indonesia point to higher paddy output "
            "this year, helped by steady rainfall and expanded planting, though officials "
            "cautioned that pests and the timing of the harvest could still change the "
            "picture."
        ),
        section="indonesia",
        access="free",
        hours_ago=9,
        wire="antara",
        dateline="Jakarta",
        tags=("agriculture", "food", "economy"),
        hero=Picture(
            key="rice-harvest-estimate",
            motif="forest",
            palette="noon",
            alt=(
                "Illustration of green fields beneath a bright midday sky with rows of "
                "trees in the distance"
            ),
            caption=(
                "Steady rainfall allowed farmers in several provinces to plant an additional crop."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Indonesia's rice production is expected to rise this year as rainfall during "
                "the usual dry months allowed farmers in several provinces to plant an extra "
                "crop, Statistics Indonesia (BPS) said in its latest preliminary estimate, "
                "published on its website. The estimate covers both the main and the second "
                "planting seasons."
            ),
            Para(
                "The agency, which combines satellite imagery with field surveys to track the "
                "area of standing paddy, said the harvested area in Java and Sulawesi had "
                "grown compared with the same period last year. Final figures will be "
                "released once the main harvest season is complete."
            ),
            Embed(
                url="https://www.bps.go.id/en",
                title="Statistics Indonesia (BPS): official statistics portal",
                provider="BPS",
            ),
            Para(
                "The agriculture ministry welcomed the estimate and said it would continue to "
                "distribute subsidised fertiliser and water pumps to farmers in rain-fed "
                "areas. The state logistics agency Bulog, which manages government rice "
                "reserves, said its warehouses were well stocked ahead of the next lean "
                "season."
            ),
            Para(
                "Analysts said a larger harvest could help keep rice prices stable, which "
                "matters for inflation because rice carries a heavy weight in the consumer "
                "price basket. They noted, however, that yields in some districts had been "
                "hit by pests that thrive in humid conditions."
            ),
            Para(
                "Farm groups said higher output does not always translate into better "
                "incomes, as farm-gate prices tend to fall at the peak of the harvest. They "
                "urged the government to buy more grain directly from farmers at the "
                "reference price during the coming months."
            ),
        ),
    ),
    DemoArticle(
        key="java-flood-early-warning-sirens",
        headline="Flood early-warning sirens to cover more river basins in Java",
        dek=(
            "The public works ministry and the weather agency plan to extend automated "
            "sirens and river sensors to more basins before the peak of the rainy season, "
            "after repeated flash floods in fast-growing towns."
        ),
        section="indonesia",
        access="free",
        hours_ago=50,
        authors=("jakarta-desk", "data-team"),
        dateline="Jakarta",
        updated_hours_later=2.5,
        tags=("climate", "disasters", "technology"),
        hero=Picture(
            key="java-flood-sirens",
            motif="rain",
            palette="night",
            alt="Illustration of heavy rain falling over dark rooftops at night",
            caption=(
                "Sirens linked to upstream river gauges are meant to give residents more "
                "time to evacuate."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Automated flood warning sirens linked to river-level sensors will be "
                "installed in more river basins across Java before the wettest months of the "
                "year, the public works ministry said, as authorities try to give residents "
                "of low-lying neighbourhoods more time to move to safety."
            ),
            Para(
                "The system relies on gauges placed upstream that send readings to a control "
                "centre every few minutes. When the water rises above set thresholds, sirens "
                "sound in villages downstream and alerts go to local disaster agencies, which "
                "coordinate evacuations and open temporary shelters."
            ),
            Sub("What the records show"),
            Para(
                "A review of national disaster agency records by Warta Daily's data team "
                "found that floods were the most frequently reported disaster in Java over "
                "the past decade, ahead of landslides and strong winds. Many of the "
                "worst-affected districts sit on the edges of expanding cities where farmland "
                "has been converted to housing."
            ),
            Para(
                "The meteorology, climatology and geophysics agency said it would pair the "
                "sirens with more precise rainfall forecasts sent by text message and through "
                "its mobile application. It urged residents to register with their "
                "neighbourhood heads so that warnings also reach households without "
                "smartphones."
            ),
            Para(
                "Environmental groups said warning systems save lives but do not address the "
                "causes of flooding, including the loss of forest cover in upland areas and "
                "of retention ponds in cities. They called for stricter enforcement of zoning "
                "rules along riverbanks."
            ),
        ),
    ),
    DemoArticle(
        key="free-school-meals-first-year-numbers",
        headline="Free school meals: what the first year's numbers show",
        dek=(
            "Our analysis of official progress reports finds the programme has expanded "
            "quickly but unevenly, with kitchens concentrated in Java and supply chains in "
            "remote regions still struggling to keep up."
        ),
        section="indonesia",
        access="premium",
        hours_ago=30,
        authors=("data-team",),
        tags=("food", "health", "economy"),
        hero=Picture(
            key="school-meals-data",
            motif="chart",
            palette="clay",
            alt="Illustration of a rising bar chart drawn in warm earth tones",
            caption="The programme's network of kitchens has grown fastest in Java.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Indonesia's free nutritious meals programme, one of the government's largest "
                "new spending commitments, has grown from a handful of pilot kitchens into a "
                "network serving millions of schoolchildren, pregnant women and toddlers, "
                "according to progress reports published by the agency that runs it."
            ),
            Para(
                "Warta Daily's data team compiled those reports, along with regional budget "
                "documents, to see where the kitchens are, how quickly they have opened and "
                "what the programme costs. The picture that emerges is one of rapid growth "
                "that has so far favoured the most populous provinces."
            ),
            Break(),
            Para(
                "Kitchens are clustered in Java, where roads, suppliers and trained cooks are "
                "easiest to find. Provinces in eastern Indonesia, where child stunting rates "
                "are among the highest in the country, have fewer kitchens per school-age "
                "child, a gap the agency says it plans to close."
            ),
            Sub("Local suppliers"),
            Para(
                "One of the programme's stated aims is to buy eggs, vegetables, fish and rice "
                "from nearby farmers and small businesses. Regional officials said this has "
                "helped some village cooperatives, but others reported late payments that "
                "strained their working capital and forced them to borrow."
            ),
            Para(
                "Food safety has also drawn scrutiny after students fell ill in several "
                "districts. The agency has said it is tightening hygiene standards, adding "
                "inspections and requiring kitchens to keep a sample of each meal so that it "
                "can be tested if problems are reported."
            ),
            Sub("What to watch"),
            Para(
                "Economists say the programme's long-term value will depend on whether it "
                "measurably improves nutrition and school attendance, and on how its cost is "
                "balanced against other priorities within the legal deficit ceiling of 3 "
                "percent of gross domestic product. A full evaluation of health outcomes is "
                "likely to take several years."
            ),
        ),
    ),
    DemoArticle(
        key="election-commission-digital-voter-checks",
        headline="Election commission tests digital voter checks ahead of regional polls",
        dek=(
            "The General Elections Commission is trialling identity verification at polling "
            "stations in selected districts, hoping to cut errors in the voter roll, while "
            "civil society groups ask how personal data will be protected."
        ),
        section="indonesia",
        access="registered",
        hours_ago=120,
        authors=("jakarta-desk",),
        dateline="Jakarta",
        tags=("elections", "technology"),
        body=(
            Para(
                "The General Elections Commission (KPU) has begun trials of a digital system "
                "that lets polling station officers check voters' identities against the "
                "national population register, the commission said, in an effort to remove "
                "duplicate entries and the names of deceased people from the voter roll."
            ),
            Para(
                "The trial covers a small number of districts chosen for their mix of urban "
                "and rural polling stations. Officers use tablets to scan identity cards, and "
                "the results are compared with records held by the population and civil "
                "registration directorate of the home affairs ministry."
            ),
            Break(),
            Para(
                "The commission said paper lists would remain the legal basis for voting "
                "during the trial, and that no voter would be turned away because of a "
                "technical failure. It plans to publish an evaluation of the trial before "
                "deciding whether to use the system more widely."
            ),
            Para(
                "Election monitoring groups welcomed efforts to clean up the roll but asked "
                "for an independent audit of the software and clear rules on how long scanned "
                "data would be kept. Indonesia's personal data protection law sets "
                "obligations for public bodies that handle citizens' information."
            ),
            Para(
                "Regional election officials said connectivity remains a challenge in "
                "mountainous and island districts, where some polling stations have no mobile "
                "signal. The commission said the devices would work offline and synchronise "
                "their records once a connection becomes available. Officers will also carry "
                "printed lists as a backup."
            ),
        ),
    ),
    DemoArticle(
        key="china-pakistan-counter-terrorism-cybercrime-cooperation",
        headline=(
            "China and Pakistan agree to deepen counter-terrorism and cybercrime cooperation"
        ),
        dek=(
            "Islamabad and Beijing will set up a quarterly joint security working group and "
            "hold yearly meetings of their interior ministers after a string of militant "
            "attacks on Chinese nationals working on Belt and Road projects."
        ),
        section="world",
        access="free",
        hours_ago=1.5,
        wire="reuters",
        dateline="Islamabad, Pakistan",
        top_story=1,
        updated_hours_later=1.0,
        tags=("security", "china", "diplomacy"),
        hero=Picture(
            key="islamabad-security-talks",
            motif="mountains",
            palette="dusk",
            alt="Illustration of mountain ridges at dusk under a deep orange and violet sky",
            caption=(
                "Much of the China-Pakistan Economic Corridor crosses mountainous terrain "
                "in the north and west of Pakistan."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "China and Pakistan have agreed to widen their cooperation against militant "
                "violence and online crime, opening new channels between their security "
                "agencies after repeated attacks on Chinese citizens employed on Belt and "
                "Road projects across Pakistan, officials from both countries said after "
                "talks in the Pakistani capital."
            ),
            Para(
                "Under the arrangement, a joint security working group will meet every three "
                "months to review threats to Chinese workers, construction sites and vehicle "
                "convoys, while the two interior ministers will sit down once a year to take "
                "stock and settle outstanding issues, according to a statement from "
                "Pakistan's interior ministry."
            ),
            Para(
                "The two sides also agreed to exchange police trainers and officers, and "
                "Pakistan will set up a special unit in Islamabad whose task is to protect "
                "Chinese nationals and their offices and residences in and around the "
                "capital. The statement did not say how large the unit would be or when it "
                "would begin work."
            ),
            Sub("Pressure from Beijing"),
            Para(
                "Chinese nationals have been targeted several times in recent years by "
                "separatist and Islamist militants, including bombings of vehicles carrying "
                "engineers and attacks close to sites linked to the China-Pakistan Economic "
                "Corridor, the flagship Belt and Road programme in the country. Beijing has "
                "repeatedly pressed Islamabad to improve security for its citizens."
            ),
            Para(
                "The corridor, which includes highways, power stations and the deep-water "
                "port of Gwadar in Balochistan province, has brought tens of billions of "
                "dollars in Chinese investment and loans into Pakistan. Armed groups in "
                "Balochistan accuse the projects of exploiting local resources without "
                "benefiting residents, a charge both governments reject."
            ),
            Para(
                "On cybercrime, the two countries said they would share information about "
                "online fraud rings, cross-border financial scams and the use of social media "
                "by banned groups, and would work towards quicker procedures for requests for "
                "digital evidence. Officials described the measures as a framework that the "
                "new working group would fill in."
            ),
            Para(
                "In its statement, Pakistan's interior ministry described the safety of "
                "Chinese personnel and projects as a responsibility the two countries share."
            ),
            Para(
                "China's foreign ministry has said in the past that it values Pakistan's "
                "efforts to protect Chinese citizens, while calling for those behind the "
                "attacks to be brought to justice. Pakistan has deployed thousands of "
                "security personnel to guard corridor projects and says it remains committed "
                "to completing them."
            ),
        ),
    ),
    DemoArticle(
        key="eu-methane-rules-gas-imports",
        headline="EU keeps methane rules for energy imports, gives suppliers more time to report",
        dek=(
            "Brussels said importers of oil and gas must still show how producers measure "
            "and limit methane leaks, but gave exporting countries extra room to align "
            "their monitoring systems with European standards."
        ),
        section="world",
        access="free",
        hours_ago=14,
        wire="afp",
        dateline="Brussels",
        tags=("energy", "climate", "trade"),
        hero=Picture(
            key="eu-methane-rules",
            motif="abstract",
            palette="ocean",
            alt="Illustration of overlapping blue and teal geometric shapes",
            caption=(
                "The EU rules make importers responsible for methane emissions along their "
                "supply chains."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "The European Union will keep its rules requiring importers of oil, gas and "
                "coal to document methane emissions at the source, the European Commission "
                "said, while allowing suppliers more time to adapt their measurement and "
                "reporting systems to the bloc's requirements."
            ),
            Para(
                "Methane is a potent greenhouse gas that traps far more heat than carbon "
                "dioxide over a short period, and leaks from wells, pipelines and storage "
                "sites are considered one of the quickest targets for slowing warming. The "
                "regulation aims to make importers answerable for emissions along their "
                "supply chains."
            ),
            Para(
                "Some exporting countries and energy companies had warned that the rules "
                "could disrupt supplies of liquefied natural gas at a time when Europe is "
                "still replacing pipeline gas from Russia. The commission said its new "
                "guidance was intended to give clarity without weakening the goals of the "
                "law."
            ),
            Para(
                "Environmental groups said they would watch closely to ensure that "
                "flexibility did not harden into lasting exemptions. Industry associations "
                "welcomed the practical guidance but said they still needed detail on how "
                "other countries' monitoring systems would be judged equivalent. The "
                "commission said more detailed technical rules would follow."
            ),
            Para(
                "Asian buyers of LNG are following the debate because they compete with "
                "Europe for cargoes from the same suppliers. Analysts said stricter standards "
                "in Europe could eventually push producers worldwide to improve leak "
                "detection, since few want to run separate systems for different markets."
            ),
        ),
    ),
    DemoArticle(
        key="plastics-treaty-talks-resume-geneva",
        headline=(
            "Negotiators resume talks on a global plastics treaty, with production limits "
            "in dispute"
        ),
        dek=(
            "Delegates from more than 170 countries are meeting again under the United "
            "Nations to try to close gaps over whether a treaty should cap plastic "
            "production or focus on waste and recycling."
        ),
        section="world",
        access="free",
        hours_ago=38,
        wire="ap",
        dateline="Geneva",
        tags=("climate", "diplomacy"),
        hero=Picture(
            key="plastics-treaty-talks",
            motif="sea",
            palette="ocean",
            alt="Illustration of calm blue waves stretching to a distant horizon",
            caption=(
                "Coastal communities in Southeast Asia have a large stake in the outcome of "
                "the treaty talks."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Government negotiators have gathered again in Geneva to work on a global "
                "treaty to end plastic pollution, with the central dispute unchanged: whether "
                "the agreement should limit how much new plastic is produced or concentrate "
                "on managing waste once it has been made."
            ),
            Para(
                "A group of countries, including many in Europe, Africa and Latin America as "
                "well as small island states, wants binding targets to reduce production and "
                "to phase out certain chemicals. Several oil- and gas-producing states argue "
                "that the treaty should concentrate on product design, collection and "
                "recycling."
            ),
            Para(
                "The United Nations Environment Programme, which hosts the talks, said "
                "delegations had a draft text to work from but that many sections remained in "
                "brackets, meaning they are not yet agreed. Observers said the coming days "
                "would show whether compromise language can be found."
            ),
            Para(
                "Southeast Asian countries have a particular stake in the outcome. Rivers in "
                "the region carry large amounts of plastic waste to the sea, and coastal "
                "communities in Indonesia, the Philippines and Vietnam live with the "
                "consequences on beaches, in fishing grounds and in mangrove forests."
            ),
            Para(
                "Environmental groups at the talks urged governments not to accept a weak "
                "agreement for the sake of reaching a deal, while industry representatives "
                "said a treaty that ignored the role of plastics in food safety, medicine and "
                "energy efficiency would be hard to implement."
            ),
        ),
    ),
    DemoArticle(
        key="container-freight-rates-ease-longer-routes",
        headline="Container freight rates ease as carriers add capacity despite longer routes",
        dek=(
            "Spot rates on major Asia-Europe lanes have fallen for several weeks as new "
            "ships enter service, though diversions around southern Africa continue to "
            "lengthen voyages and tie up vessels."
        ),
        section="world",
        access="free",
        hours_ago=75,
        wire="reuters",
        dateline="London",
        tags=("trade", "transport"),
        hero=Picture(
            key="container-shipping-rates",
            motif="sea",
            palette="night",
            alt="Illustration of a dark sea at night beneath a sky scattered with stars",
            caption=(
                "Diversions around southern Africa have added a week or more to voyages "
                "between Asia and Europe."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "The cost of shipping a container from Asia to northern Europe has fallen for "
                "several consecutive weeks, according to freight rate indices followed by "
                "shippers, as a wave of newly built vessels adds capacity to a market still "
                "coping with long detours away from the Red Sea."
            ),
            Para(
                "Many carriers have routed ships around the Cape of Good Hope since attacks "
                "on merchant vessels in and near the Red Sea began, adding a week or more to "
                "journeys between Asia and Europe. The longer voyages absorbed much of the "
                "spare capacity that would otherwise have pushed rates down."
            ),
            Para(
                "Shipping analysts said deliveries of new container ships remained high this "
                "year, and that some carriers were cutting prices to fill vessels ahead of "
                "the slower season. Blank sailings, in which lines cancel scheduled "
                "departures, have become more common on some routes."
            ),
            Para(
                "For exporters in Southeast Asia, lower rates offer some relief after a "
                "period of volatile costs. Freight forwarders in Jakarta and Surabaya said "
                "clients were booking further ahead and spreading cargo across several "
                "carriers to reduce the risk of delays."
            ),
            Para(
                "Insurers said war-risk premiums for vessels passing through the area "
                "remained elevated. A broad return to the Suez Canal route would release a "
                "large number of ships at once, which analysts said could push rates down "
                "further and squeeze the earnings of carriers."
            ),
        ),
    ),
    DemoArticle(
        key="who-urges-cities-heat-health-plans",
        headline="WHO urges cities to prepare heat-health plans as hot seasons lengthen",
        dek=(
            "The World Health Organization said early warnings, cooling centres and "
            "protection for outdoor workers can sharply reduce deaths during heatwaves, "
            "which are becoming longer and more frequent in many regions."
        ),
        section="world",
        access="free",
        hours_ago=190,
        wire="afp",
        dateline="Geneva",
        tags=("health", "climate"),
        body=(
            Para(
                "The World Health Organization has called on governments and city authorities "
                "to adopt heat-health action plans, saying that many deaths during extreme "
                "heat are preventable if warnings are issued early and vulnerable people are "
                "checked on regularly. It said such plans should be in place before each hot "
                "season begins."
            ),
            Para(
                "In guidance issued in Geneva, the agency said older people, young children, "
                "pregnant women and people with chronic illnesses face the highest risk, "
                "along with labourers who work outdoors. It recommended adjusting working "
                "hours during the hottest part of the day and ensuring access to drinking "
                "water and shade."
            ),
            Para(
                "The agency said heat is often an invisible killer because deaths tend to be "
                "recorded as heart or lung failure rather than heat exposure. Better data "
                "collection by hospitals and health authorities would help governments "
                "understand the true toll, it said."
            ),
            Para(
                "Cities in South and Southeast Asia have been experimenting with measures "
                "such as reflective roofs, more trees along streets and public cooling spaces "
                "in libraries and shopping centres. Health experts say such steps work best "
                "when combined with clear public messages before temperatures peak."
            ),
            Para(
                "Climate scientists say heatwaves have become hotter and more frequent as "
                "global temperatures rise, and that the trend is expected to continue. The "
                "WHO said investing in preparedness now would reduce the pressure on health "
                "systems in the summers to come."
            ),
        ),
    ),
    DemoArticle(
        key="world-food-prices-what-could-reverse-the-easing",
        headline="Analysis: World food prices have eased. Here is what could push them up again",
        dek=(
            "Global prices of grains and vegetable oils have come off their peaks, but "
            "weather shocks, export restrictions and energy costs could quickly reverse the "
            "trend for import-dependent countries in Asia."
        ),
        section="world",
        access="premium",
        hours_ago=44,
        authors=("world-desk", "data-team"),
        tags=("food", "trade", "agriculture"),
        hero=Picture(
            key="world-food-prices",
            motif="chart",
            palette="ember",
            alt=(
                "Illustration of a line chart in red and amber tones that falls and then levels off"
            ),
            caption=(
                "Benchmark prices for grains and vegetable oils are well below their recent peaks."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "For households and governments across Asia, the decline in international "
                "food prices from the highs that followed Russia's full-scale invasion of "
                "Ukraine has been a welcome relief. Benchmark prices for wheat, maize and "
                "vegetable oils are well below their peaks, and freight costs for bulk grain "
                "have stabilised."
            ),
            Para(
                "Yet the calm in markets rests on conditions that could change quickly. Our "
                "review of trade data, crop forecasts and policy announcements points to four "
                "risks that importing countries, Indonesia among them, are watching closely "
                "in the months ahead. Each could undo the recent relief within a single "
                "season."
            ),
            Break(),
            Para(
                "The first is weather. A strong El Niño or La Niña pattern can cut harvests "
                "in several major producers at once, from Australian wheat to Southeast Asian "
                "rice and palm oil. National meteorological agencies track ocean temperatures "
                "months in advance for early signals."
            ),
            Sub("Policy, energy and currencies"),
            Para(
                "The second risk is policy. When prices rise, some exporters restrict "
                "shipments to protect their own consumers, which can amplify a spike for "
                "everyone else. Rice markets were unsettled in recent years by such measures, "
                "and traders say the memory of those episodes still shapes buying behaviour."
            ),
            Para(
                "The third and fourth risks are energy and currencies. Fertiliser and diesel "
                "costs feed directly into farm budgets, while a stronger US dollar raises the "
                "local cost of imports priced in dollars. For Indonesia, the rupiah's "
                "exchange rate matters as much as the world price of wheat or soybeans."
            ),
            Para(
                "None of these risks is certain to materialise. But analysts say countries "
                "that keep adequate reserves, spread their purchases across several suppliers "
                "and avoid sudden trade curbs tend to weather price shocks better than those "
                "that rely on emergency measures."
            ),
        ),
    ),
    DemoArticle(
        key="japan-releases-more-rice-from-reserves",
        headline="Japan releases more rice from state reserves as retail prices stay high",
        dek=(
            "The farm ministry said additional stockpiled rice would be sold to retailers "
            "to ease prices, which have climbed sharply after a poor harvest and "
            "bottlenecks in distribution left supermarket shelves thin."
        ),
        section="asia-pacific",
        access="free",
        hours_ago=20,
        wire="ap",
        dateline="Tokyo",
        tags=("food", "agriculture", "economy"),
        hero=Picture(
            key="japan-rice-reserves",
            motif="market",
            palette="dawn",
            alt="Illustration of market stalls with striped awnings in soft morning light",
            caption="Retailers expect the stockpiled rice to reach their shelves within weeks.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Japan's agriculture ministry said it would release more rice from government "
                "reserves to retailers and restaurants, as supermarket prices for the staple "
                "remain well above the levels of previous years despite earlier sales from "
                "the stockpile. It did not say how much rice would be offered in the new "
                "round."
            ),
            Para(
                "Officials have attributed the rise to a smaller harvest after an "
                "exceptionally hot summer, along with changes in how rice moves from farmers "
                "to wholesalers. Some consumers have switched to cheaper blends or imported "
                "rice, which faces high tariffs once a fixed quota has been filled."
            ),
            Para(
                "The ministry said the new release would be sold through contracts designed "
                "to reach shops more quickly than in earlier rounds, when much of the rice "
                "was held up in the distribution chain. Retail chains said they expected to "
                "put the stockpiled rice on sale within weeks."
            ),
            Para(
                "Rice occupies a special place in Japanese politics and culture, and the "
                "government has long supported domestic farmers through production policies. "
                "Economists said the price rise has renewed debate over whether those "
                "policies leave the country too exposed to poor harvests."
            ),
            Para(
                "Rising food costs have added to broader inflation in Japan, where households "
                "have faced higher prices for energy and imported goods. The Bank of Japan "
                "watches food prices closely as it weighs the pace of future increases in "
                "interest rates."
            ),
        ),
    ),
    DemoArticle(
        key="singapore-ev-charging-residential-car-parks",
        headline="Singapore to require charging points in more residential car parks",
        dek=(
            "New rules will oblige many condominiums and public housing car parks to "
            "install electric vehicle chargers, part of the city-state's plan for all "
            "vehicles to run on cleaner energy by 2040."
        ),
        section="asia-pacific",
        access="free",
        hours_ago=6,
        wire="reuters",
        dateline="Singapore",
        top_story=4,
        tags=("energy", "transport", "technology"),
        hero=Picture(
            key="singapore-ev-charging",
            motif="skyline",
            palette="night",
            alt="Illustration of a high-rise skyline at night with rows of lit windows",
            caption="Most Singapore residents live in high-rise blocks without private garages.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Singapore will require more residential car parks to provide electric "
                "vehicle charging points, the Land Transport Authority said, as the "
                "government pushes to make cleaner vehicles the norm in a city where land is "
                "scarce and most residents live in high-rise buildings."
            ),
            Para(
                "Under the plan, new developments and existing buildings undergoing major "
                "renovation will need to install a minimum number of chargers, with the "
                "requirement rising with the size of the car park. Owners of older buildings "
                "will be offered grants to cover part of the cost of upgrading their "
                "electrical supply."
            ),
            Para(
                "Singapore has set a target for all vehicles to run on cleaner energy by "
                "2040. Electric cars account for a growing share of new registrations, helped "
                "by rebates and lower road taxes, but drivers without access to charging at "
                "home have cited convenience as a reason to wait."
            ),
            Para(
                "Property managers said the main challenge is not the chargers themselves but "
                "the cost and time needed to upgrade wiring in older blocks. Industry groups "
                "asked for clear technical standards so that equipment installed now does not "
                "become obsolete as charging technology improves."
            ),
            Para(
                "Regional neighbours are watching closely. Indonesia and Thailand are both "
                "courting investment in electric vehicle and battery manufacturing, and "
                "analysts said demand in wealthier cities such as Singapore helps carmakers "
                "justify building supply chains in Southeast Asia. Carmakers have also been "
                "expanding charging networks in Jakarta and Bangkok."
            ),
        ),
    ),
    DemoArticle(
        key="philippines-clears-roads-after-typhoon",
        headline="Philippines begins clearing roads and restoring power after typhoon",
        dek=(
            "Disaster officials said tens of thousands of people remained in evacuation "
            "centres as crews worked to reopen highways and repair transmission lines in "
            "northern provinces battered by strong winds and flooding."
        ),
        section="asia-pacific",
        access="free",
        hours_ago=33,
        wire="afp",
        dateline="Manila",
        updated_hours_later=3.0,
        tags=("disasters", "climate", "agriculture"),
        hero=Picture(
            key="philippines-typhoon-recovery",
            motif="rain",
            palette="ocean",
            alt="Illustration of wind-driven rain slanting over a grey-blue sea",
            caption=(
                "Northern provinces were battered by strong winds, storm surges and heavy rain."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Crews in the northern Philippines worked to clear landslides from highways "
                "and restore electricity after a typhoon tore through several provinces, "
                "bringing strong winds, storm surges and heavy rain, the national disaster "
                "agency said. Schools in the affected provinces remained closed, and several "
                "domestic flights were cancelled."
            ),
            Para(
                "The agency said tens of thousands of residents were still staying in "
                "evacuation centres or with relatives, many of them from coastal villages and "
                "low-lying farming areas. Local governments distributed food packs, drinking "
                "water and hygiene kits while damaged homes were assessed."
            ),
            Para(
                "Power distributors said transmission towers and poles had been toppled in "
                "several areas, and that full restoration could take days in the hardest-hit "
                "towns. Mobile network operators set up free charging stations and calling "
                "booths in evacuation centres. Water supply was also interrupted in some "
                "towns."
            ),
            Para(
                "The agriculture department said early reports showed damage to rice and corn "
                "fields that were close to harvest, as well as to fishing boats and fish "
                "pens. It said it would provide seeds and other support to affected farmers "
                "for the next planting season."
            ),
            Para(
                "The Philippines is hit by around 20 tropical storms and typhoons in a "
                "typical year, more than most countries. Climate scientists say warmer seas "
                "may be making the strongest storms more intense, even if their total number "
                "does not increase."
            ),
        ),
    ),
    DemoArticle(
        key="asean-digital-economy-agreement-talks",
        headline="ASEAN negotiators push to conclude regional digital economy agreement",
        dek=(
            "Southeast Asian trade officials say a regional framework covering e-commerce, "
            "digital payments and cross-border data flows could substantially enlarge the "
            "region's digital economy if it is concluded and implemented on schedule."
        ),
        section="asia-pacific",
        access="free",
        hours_ago=96,
        wire="reuters",
        dateline="Kuala Lumpur",
        tags=("asean", "technology", "trade"),
        body=(
            Para(
                "Trade officials from the Association of Southeast Asian Nations met in Kuala "
                "Lumpur to push forward negotiations on a regional digital economy framework "
                "agreement, which aims to set common rules for online commerce, electronic "
                "payments, digital identities and the movement of data across borders."
            ),
            Para(
                "Supporters say the agreement would make it easier for small businesses to "
                "sell to customers in neighbouring countries and reduce the cost of complying "
                "with many different sets of national rules. Studies commissioned by the bloc "
                "have projected large gains for the regional economy if the framework is "
                "fully implemented."
            ),
            Para(
                "Negotiators said the most difficult issues include data protection, the "
                "treatment of software source code and how to balance open data flows with "
                "national security concerns. Some member states have rules that require "
                "certain kinds of data to be stored within their borders."
            ),
            Para(
                "Indonesia, the region's largest digital market, has pressed for provisions "
                "that support local companies and protect consumers. Officials in Jakarta "
                "said the country wanted an agreement that opens markets while leaving room "
                "for domestic regulation. Indonesia's own rules on data protection and "
                "e-commerce have been tightened in recent years."
            ),
            Para(
                "Business groups urged governments to keep the agreement practical, with "
                "clear timelines for implementation. They said differing approaches to "
                "electronic invoices, digital signatures and online dispute resolution remain "
                "everyday obstacles for companies trading within the region. Several groups "
                "also called for more support to help small firms move online."
            ),
        ),
    ),
    DemoArticle(
        key="mekong-dry-season-river-data",
        headline="Analysis: What river data tells us about the Mekong's changing dry season",
        dek=(
            "Water-level records along the lower Mekong show that dry-season flows have "
            "become less predictable, with consequences for fisheries, rice farming and "
            "relations between upstream and downstream countries."
        ),
        section="asia-pacific",
        access="premium",
        hours_ago=68,
        authors=("asia-desk", "data-team"),
        tags=("climate", "agriculture", "diplomacy"),
        hero=Picture(
            key="mekong-dry-season",
            motif="mountains",
            palette="jade",
            alt="Illustration of green hills folding along a winding river valley",
            caption=(
                "The Mekong's seasonal flood pulse sustains one of the world's largest "
                "inland fisheries."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "The Mekong River feeds tens of millions of people in Cambodia, Laos, "
                "Thailand and Vietnam, and its seasonal rhythm of flood and retreat sustains "
                "one of the world's largest inland fisheries. In recent years, that rhythm "
                "has become noticeably harder to predict."
            ),
            Para(
                "Our data team examined publicly available water-level readings from the "
                "Mekong River Commission, the intergovernmental body that monitors the lower "
                "basin, alongside rainfall records. The readings show unusually sharp rises "
                "and falls in river levels during several recent dry seasons."
            ),
            Break(),
            Para(
                "Scientists attribute the changes to a combination of factors, including "
                "erratic rainfall, sand mining that deepens the riverbed and the operation of "
                "hydropower dams on the main stem and its tributaries, which store water in "
                "the wet season and release it in the dry months."
            ),
            Embed(
                url="https://www.mrcmekong.org",
                title="Mekong River Commission",
                provider="Mekong River Commission",
            ),
            Sub("Downstream effects"),
            Para(
                "In Cambodia's Tonle Sap lake, the timing of the annual reverse flow, when "
                "the swollen Mekong pushes water back into the lake, is crucial for fish "
                "breeding. Fishing communities have reported smaller catches in years when "
                "the flood pulse arrived late or was weak."
            ),
            Para(
                "In Vietnam's Mekong Delta, lower dry-season flows allow salt water to push "
                "further inland, damaging rice and fruit crops. Farmers have responded by "
                "switching to shrimp farming or salt-tolerant rice varieties, and provincial "
                "authorities have built sluice gates to hold back seawater."
            ),
            Para(
                "Governments in the basin have agreed to share more data on dam operations, "
                "and the commission now publishes regular updates. Researchers say better "
                "coordination during droughts could reduce the damage, but only if upstream "
                "operators release water when downstream communities need it most."
            ),
        ),
    ),
    DemoArticle(
        key="australia-indonesia-live-cattle-shipments",
        headline="Live cattle shipments from Australia to Indonesia pick up as beef demand grows",
        dek=(
            "Exporters in northern Australia report stronger orders from Indonesian "
            "feedlots, driven by rising beef consumption and government nutrition "
            "programmes, though disease controls and currency swings remain concerns."
        ),
        section="asia-pacific",
        access="registered",
        hours_ago=140,
        authors=("asia-desk",),
        dateline="Jakarta",
        tags=("trade", "agriculture", "food"),
        hero=Picture(
            key="live-cattle-trade",
            motif="market",
            palette="clay",
            alt="Illustration of an open-air market drawn in warm brown and terracotta tones",
            caption=(
                "Indonesian feedlots fatten imported cattle for several months before they "
                "are sold."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Shipments of live cattle from northern Australian ports to Indonesia have "
                "increased in recent months, exporters said, as Indonesian feedlots restock "
                "to meet growing demand for beef from households, restaurants and government "
                "food programmes. Exporters said vessels were fully booked for several weeks "
                "ahead."
            ),
            Para(
                "Indonesia is the largest market for Australian live cattle. Animals are "
                "shipped from ports such as Darwin to feedlots in Java and Sumatra, where "
                "they are fattened for several months before slaughter. The trade is an "
                "important source of income for cattle stations across northern Australia."
            ),
            Break(),
            Para(
                "Industry groups in both countries said stricter biosecurity checks, "
                "introduced after outbreaks of foot-and-mouth and lumpy skin disease in "
                "Indonesia, had added costs but restored confidence. Australian authorities "
                "continue to monitor the risk of either disease crossing into the country."
            ),
            Para(
                "Indonesian importers said the weaker rupiah had made cattle more expensive "
                "in local currency terms, squeezing their margins. Some feedlots have looked "
                "to diversify by importing cattle or frozen beef from other countries, "
                "including Brazil and India. Others have cut the number of animals they keep "
                "on feed."
            ),
            Para(
                "Both governments have identified agriculture as a priority under their "
                "comprehensive economic partnership agreement, which cut tariffs on a range "
                "of farm products. Officials said joint programmes on cattle breeding and "
                "veterinary training would continue. The two countries also cooperate on "
                "animal disease surveillance in the region."
            ),
        ),
    ),
    DemoArticle(
        key="bank-indonesia-holds-benchmark-rate",
        headline="Bank Indonesia holds benchmark rate, signals focus on rupiah stability",
        dek=(
            "The central bank kept its policy rate unchanged at its monthly meeting, saying "
            "it wanted to anchor the rupiah amid global uncertainty while keeping room to "
            "support growth if inflation stays within target."
        ),
        section="business",
        access="free",
        hours_ago=4.5,
        authors=("business-desk",),
        dateline="Jakarta",
        top_story=2,
        updated_hours_later=1.5,
        tags=("bank-indonesia", "rupiah", "economy"),
        hero=Picture(
            key="bank-indonesia-rate-hold",
            motif="chart",
            palette="noon",
            alt="Illustration of a flat line chart against a bright pale background",
            caption="Bank Indonesia kept its policy rate unchanged to support the rupiah.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Bank Indonesia kept its benchmark interest rate unchanged at the end of its "
                "monthly policy meeting, the central bank said in a statement published on <a "
                'href="https://www.bi.go.id/en">its website</a>, citing the need to keep the '
                "rupiah stable as investors react to shifting expectations for US interest "
                "rates."
            ),
            Para(
                "The bank said inflation remained within its target range of 1.5 to 3.5 "
                "percent and that it expected price growth to stay under control in the "
                "coming months, helped by adequate food supplies. It also left the rates on "
                "its deposit and lending facilities unchanged."
            ),
            Para(
                "The central bank said its policy would stay focused on a stable rupiah, "
                "while it kept watching for room to support growth."
            ),
            Para(
                "Most economists surveyed ahead of the decision had expected a hold. Several "
                "said the central bank was likely to wait for clearer signals from the US "
                "Federal Reserve and for steadier capital flows before easing again. A few "
                "had forecast a small cut to support lending."
            ),
            Sub("Markets react"),
            Para(
                "The rupiah was little changed against the dollar after the announcement, "
                "while yields on government bonds edged lower. Traders said the central "
                "bank's continued intervention in the foreign exchange and bond markets had "
                "helped to limit volatility. The main stock index was slightly higher by the "
                "close of trading."
            ),
            Para(
                "The bank said it would continue to use macroprudential measures, including "
                "incentives for banks that lend to priority sectors such as housing, "
                "agriculture and small businesses, to support credit growth without cutting "
                "its policy rate. It said bank lending was growing at a moderate pace and "
                "that liquidity in the banking system remained ample."
            ),
            Para(
                "Growth in Southeast Asia's largest economy has hovered around 5 percent a "
                "year. The government is aiming for faster expansion, and business groups "
                "have urged lower borrowing costs to encourage investment in manufacturing "
                "and services. The next policy meeting is scheduled for next month."
            ),
        ),
    ),
    DemoArticle(
        key="foreign-investors-return-to-rupiah-bonds-analysis",
        headline="Analysis: Foreign investors are edging back into rupiah bonds. Will it last?",
        dek=(
            "Foreign holdings of Indonesian government bonds have risen again after a "
            "period of outflows, but the attraction of high real yields must be weighed "
            "against fiscal questions and a volatile currency."
        ),
        section="business",
        access="premium",
        hours_ago=12,
        authors=("business-desk",),
        top_story=5,
        tags=("rupiah", "markets", "bank-indonesia"),
        hero=Picture(
            key="rupiah-bond-inflows",
            motif="chart",
            palette="night",
            alt="Illustration of bar and line charts glowing against a dark blue background",
            caption=(
                "Foreign holdings of rupiah government bonds have risen after a period of outflows."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "After months of selling, foreign investors have been adding to their "
                "holdings of rupiah-denominated government bonds, according to finance "
                "ministry data on the ownership of tradable securities. Fund managers say the "
                "appeal lies in yields that remain high relative to inflation."
            ),
            Para(
                "Indonesia's real yield, the gap between bond yields and inflation, is among "
                "the highest in major emerging markets. With price growth subdued, investors "
                "can lock in returns that compare favourably with those available in much of "
                "Asia. Several global bond indices also give Indonesia a significant weight."
            ),
            Para(
                "The share of government bonds held by foreigners, however, is well below the "
                "levels seen a decade ago. Domestic banks, Bank Indonesia and local pension "
                "funds now own most of the market, which reduces the risk of sudden sell-offs "
                "but also limits liquidity."
            ),
            Break(),
            Para(
                "Investors say three questions will decide whether the inflows continue. The "
                "first is fiscal: whether the government can fund new spending programmes "
                "while keeping the deficit below the legal ceiling of 3 percent of gross "
                "domestic product."
            ),
            Sub("Currency and policy"),
            Para(
                "The second is the rupiah. Foreign investors who do not hedge their currency "
                "exposure can see bond gains wiped out by a weaker exchange rate, and the "
                "currency has been sensitive to shifts in global risk appetite. Bank "
                "Indonesia has intervened regularly to smooth sharp moves."
            ),
            Para(
                "The third is the coordination of fiscal and monetary policy. Some investors "
                "have asked how the central bank's purchases of government bonds in the "
                "secondary market fit with its independence. The central bank has said its "
                "operations are consistent with its legal mandate and aimed at market "
                "stability."
            ),
        ),
    ),
    DemoArticle(
        key="nickel-smelters-captive-coal-power",
        headline="Nickel smelters face pressure to cut their reliance on captive coal power",
        dek=(
            "Indonesia's fast-growing nickel processing industry depends heavily on coal "
            "plants built inside industrial parks, and battery makers and their customers "
            "are asking for cleaner supply chains."
        ),
        section="business",
        access="premium",
        hours_ago=56,
        authors=("business-desk",),
        dateline="Jakarta",
        tags=("energy", "climate", "trade"),
        hero=Picture(
            key="nickel-smelters-power",
            motif="mountains",
            palette="ember",
            alt=(
                "Illustration of hills under a hazy red sky with smoke drifting across the "
                "ridgeline"
            ),
            caption=(
                "Many smelters in Sulawesi and North Maluku rely on coal plants built "
                "inside industrial parks."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Indonesia's nickel processing boom has made the country the world's largest "
                "producer of the metal, which is used in stainless steel and electric vehicle "
                "batteries. Much of that output comes from smelters in industrial parks in "
                "Sulawesi and North Maluku that run on coal-fired power plants built "
                "specifically for them."
            ),
            Para(
                "These so-called captive plants sit outside the state electricity company's "
                "grid, and their growth has added to the country's coal-fired capacity even "
                "as Indonesia has pledged to reduce emissions from the power sector. "
                "Carmakers and battery buyers in Europe and North America increasingly ask "
                "suppliers to disclose the carbon footprint of their materials."
            ),
            Break(),
            Para(
                "Industry executives say switching to renewable energy is possible but "
                "expensive. Options include solar farms with battery storage, hydropower from "
                "rivers in Sulawesi and gas-fired plants as a bridge. Each faces hurdles, "
                "from land acquisition to the need for steady power for furnaces that run day "
                "and night."
            ),
            Sub("Rules and incentives"),
            Para(
                "Government regulations allow captive coal plants that were already planned "
                "or under construction to proceed, provided their owners commit to cutting "
                "emissions over time. Energy analysts said the rules leave room for "
                "interpretation and called for clearer targets and independent monitoring."
            ),
            Para(
                "Some companies have announced plans for solar installations at their "
                "industrial parks, and several international buyers have signed supply "
                "agreements that favour lower-carbon nickel. Analysts said price premiums for "
                "greener metal remain small, which limits the incentive to invest. Buyers, "
                "they said, still pay for reliable supply first."
            ),
            Para(
                "Communities near the industrial parks have raised concerns about air "
                "quality, water pollution and the loss of farmland and forest. Environmental "
                "groups have urged the government to include local health effects in any plan "
                "to clean up the sector. Several companies say they monitor emissions and run "
                "community programmes."
            ),
        ),
    ),
    DemoArticle(
        key="palm-oil-reference-price-export-levy",
        headline="Indonesia keeps palm oil export levy unchanged as reference price edges up",
        dek=(
            "The trade ministry raised the crude palm oil reference price used to calculate "
            "export duties, while the separate levy that finances biodiesel subsidies and "
            "replanting was kept at its current rate."
        ),
        section="business",
        access="free",
        hours_ago=22,
        wire="reuters",
        dateline="Jakarta",
        tags=("agriculture", "trade"),
        body=(
            Para(
                "Indonesia, the world's largest palm oil producer, raised its reference price "
                "for crude palm oil for the coming period while keeping its export levy rate "
                "unchanged, the trade ministry said in a regulation published on its website. "
                "The new reference price applies to shipments over the next month."
            ),
            Para(
                "The reference price determines the export duty charged on shipments and is "
                "set using prices in the Indonesian, Malaysian and Rotterdam markets. The "
                "separate export levy is collected by a state plantation fund and used to "
                "subsidise biodiesel blending and to replant ageing smallholder trees."
            ),
            Para(
                "Traders said the adjustment was broadly expected after international prices "
                "firmed on stronger demand from India and concerns about output from ageing "
                "plantations. Higher mandatory biodiesel blending has also absorbed more of "
                "Indonesia's production at home, reducing the volume available for export."
            ),
            Para(
                "Smallholder associations have said that export levies and duties weigh on "
                "the prices paid to farmers for fresh fruit bunches. The government argues "
                "that the funds support the industry's long-term productivity through "
                "replanting programmes and research. Smallholders farm roughly 40 percent of "
                "the country's oil palm area."
            ),
            Para(
                "Palm oil is one of Indonesia's biggest export earners and supports millions "
                "of jobs. The industry also faces scrutiny over deforestation, and exporters "
                "are preparing for European Union rules that require proof that products are "
                "not linked to forest loss."
            ),
        ),
    ),
    DemoArticle(
        key="qris-digital-payments-small-merchants",
        headline="How QR payments changed the economics of Indonesia's small merchants",
        dek=(
            "The national QR code standard has spread from city cafes to village markets, "
            "cutting the cost of accepting digital payments, but merchants say fees, "
            "connectivity and tax worries still shape how they use it."
        ),
        section="business",
        access="premium",
        hours_ago=88,
        authors=("business-desk",),
        dateline="Jakarta",
        tags=("technology", "bank-indonesia", "economy"),
        hero=Picture(
            key="qris-small-merchants",
            motif="abstract",
            palette="jade",
            alt="Illustration of a grid of green squares arranged like a QR code",
            caption=(
                "A single national QR code lets customers pay from any participating bank "
                "or e-wallet."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "From street food carts in Jakarta to fruit sellers at traditional markets in "
                "Yogyakarta, a small printed QR code has become a familiar sight. The Quick "
                "Response Code Indonesian Standard, known as <b>QRIS</b>, lets customers pay "
                "from any participating bank or e-wallet app by scanning a single code."
            ),
            Para(
                "Bank Indonesia introduced the standard to replace a patchwork of proprietary "
                "codes that forced merchants to display several stickers at the till. The "
                "central bank says tens of millions of merchants are now registered, most of "
                "them micro and small businesses."
            ),
            Break(),
            Para(
                "For many traders, the main benefit is handling less cash, which reduces the "
                "need to keep change and lowers the risk of theft and counterfeit notes. "
                "Payment records also help some merchants build a credit history that banks "
                "can use when assessing loan applications."
            ),
            Sub("Fees and trust"),
            Para(
                "The merchant discount rate, the fee charged on each transaction, is kept low "
                "for micro merchants and the smallest payments. Some traders nonetheless said "
                "they preferred cash for very small sales, and others worried that digital "
                "records might be used by the tax authorities."
            ),
            Para(
                "The system has also expanded across borders. Indonesian tourists can use "
                "QRIS in several Southeast Asian countries, and visitors from those countries "
                "can pay in Indonesia, as central banks in the region link their payment "
                "systems. Travellers pay through their usual app, without needing to change "
                "money."
            ),
            Para(
                "Analysts said the next challenge is to turn digital payments into broader "
                "financial inclusion, including savings, credit and insurance products for "
                "the millions of people who still do not have a bank account. Others pointed "
                "to the need for stronger safeguards against fraud as more people pay by "
                "phone."
            ),
        ),
    ),
    DemoArticle(
        key="asian-markets-edge-higher-us-inflation-data",
        headline="Asian markets edge higher as investors await US inflation data",
        dek=(
            "Stocks in Tokyo, Hong Kong and Jakarta rose in early trade, with technology "
            "shares leading gains, while the dollar held steady ahead of figures that could "
            "shape the outlook for US interest rates."
        ),
        section="business",
        access="free",
        hours_ago=0.5,
        wire="afp",
        dateline="Hong Kong",
        tags=("markets", "rupiah", "economy"),
        body=(
            Para(
                "Asian stock markets rose in early trading as investors looked ahead to US "
                "consumer price figures due later in the week, hoping for signs that "
                "inflation is cooling enough to allow the Federal Reserve to keep lowering "
                "borrowing costs. Trading was otherwise calm in the first hour."
            ),
            Para(
                "Technology shares led gains in Tokyo and Seoul, tracking a rally in "
                "chipmakers on Wall Street overnight. In Hong Kong, property developers were "
                "mixed after new data showed that home sales in mainland China remained weak. "
                "Stocks listed on the mainland were slightly lower."
            ),
            Para(
                "Jakarta's main index rose modestly, supported by banking stocks, while the "
                "rupiah was steady against the dollar. Dealers said foreign investors had "
                "been net buyers of Indonesian equities for several sessions. Shares of "
                "commodity producers were mixed, with coal miners lower and nickel companies "
                "higher."
            ),
            Para(
                "Oil prices were little changed as traders weighed signs of ample supply "
                "against concerns about disruptions in the Middle East. Gold hovered near "
                "record levels, supported by central bank purchases and demand for safe-haven "
                "assets. The yen weakened slightly against the dollar."
            ),
            Para(
                "Analysts cautioned that markets could swing sharply if the inflation figures "
                "surprise in either direction. They said trading volumes were likely to "
                "remain thin until the data is released, with many fund managers reluctant to "
                "take large positions ahead of the announcement."
            ),
        ),
    ),
    DemoArticle(
        key="editorial-nusantara-honest-timeline",
        headline="Editorial: Nusantara needs an honest timeline, not another deadline",
        dek=(
            "The new capital can still succeed, but only if the government sets out "
            "realistic milestones, publishes the costs and explains clearly what Jakarta "
            "will remain responsible for in the meantime."
        ),
        section="opinion",
        access="premium",
        hours_ago=18,
        authors=("editorial-board",),
        tags=("nusantara", "jakarta", "economy"),
        hero=Picture(
            key="editorial-nusantara",
            motif="skyline",
            palette="clay",
            alt=(
                "Illustration of a half-built skyline with construction cranes in muted earth tones"
            ),
            caption=(
                "Construction in Nusantara has proceeded in phases, with several target "
                "dates revised."
            ),
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Few projects carry as much national ambition as Nusantara. A capital "
                "designed from scratch in East Kalimantan was meant to ease the pressure on a "
                "sinking, congested Jakarta and to spread growth beyond Java. Those goals "
                "remain worthy. What the project lacks is a timeline the public can believe."
            ),
            Para(
                "Dates for moving ministries, for opening the presidential palace and for "
                "attracting private investment have shifted repeatedly. Each change may have "
                "had good reasons, from budget constraints to construction delays, but "
                "together they have eroded trust and left civil servants and investors unsure "
                "what to plan for."
            ),
            Break(),
            Para(
                "We urge the government to publish a single, phased plan with clear "
                "milestones, the budget attached to each stage and the conditions that must "
                "be met before the next stage begins. Investors do not need speed so much as "
                "predictability."
            ),
            Para(
                "Transparency about costs matters too. The state budget is under pressure "
                "from new social programmes, and taxpayers deserve to know how much the "
                "capital will require each year and how much private capital has actually "
                "been committed, as opposed to merely announced."
            ),
            Para(
                "Jakarta, meanwhile, cannot be left in limbo. The city still houses most of "
                "the country's financial institutions, embassies and corporate headquarters, "
                "and its flood defences, public transport and housing need sustained "
                "investment regardless of where the government sits. Neglecting it would be a "
                "costly mistake."
            ),
            Para(
                "A capital city is built over decades, not within a single term of office. "
                "Brasília and Putrajaya both took longer to mature than their planners hoped. "
                "Honesty about that reality would serve Nusantara better than any "
                "ribbon-cutting ceremony timed to a political calendar."
            ),
        ),
    ),
    DemoArticle(
        key="editorial-jakarta-flood-defences-cannot-wait",
        headline="Editorial: Jakarta's flood defences cannot wait for the next disaster",
        dek=(
            "The city promises sea walls, pumps and river works after every severe flood, "
            "then lets the urgency fade. The subsidence that makes the floods worse does "
            "not pause between rainy seasons."
        ),
        section="opinion",
        access="premium",
        hours_ago=60,
        authors=("editorial-board",),
        tags=("jakarta", "climate", "disasters"),
        body=(
            Para(
                "Every rainy season brings the same images: submerged streets in north and "
                "east Jakarta, stranded commuters and families carrying their belongings to "
                "higher ground. And every year, once the water recedes, promises of faster "
                "action give way to the ordinary business of budgets and permits."
            ),
            Para(
                "The underlying problem is well understood. Parts of northern Jakarta are "
                "sinking, largely because of groundwater extraction by households and "
                "businesses that lack access to piped water. As the land subsides, rivers "
                "struggle to drain to the sea and high tides push further inland."
            ),
            Break(),
            Para(
                "The first priority should be ending the dependence on groundwater. Expanding "
                "piped water coverage is slow and costly, but without it sea walls and pumps "
                "only buy time. The city should publish annual targets for new connections "
                "and report progress against them."
            ),
            Para(
                "Second, coastal defences must be planned together with the people who live "
                "along the coast. Fishing communities have reason to fear that giant sea "
                "walls and land reclamation will cut off their livelihoods. Their concerns "
                "belong in the design process, not in protests after the contracts are "
                "signed."
            ),
            Para(
                "Third, rivers need room. Restoring retention ponds, enforcing riverbank "
                "zoning and keeping drains clear are unglamorous tasks, yet they decide "
                "whether a heavy downpour becomes a disaster. These are measures the city can "
                "take now, without waiting for national megaprojects."
            ),
        ),
    ),
    DemoArticle(
        key="editorial-food-security-beyond-rice-stockpile",
        headline="Editorial: Food security needs more than a bigger rice stockpile",
        dek=(
            "Large reserves can calm prices in a crisis, but lasting food security depends "
            "on farmers' incomes, varied diets and a trade policy that does not swing "
            "between self-sufficiency slogans and emergency imports."
        ),
        section="opinion",
        access="premium",
        hours_ago=110,
        authors=("editorial-board",),
        tags=("food", "agriculture"),
        hero=Picture(
            key="editorial-food-security",
            motif="market",
            palette="ember",
            alt="Illustration of sacks and baskets of produce stacked under a warm red light",
            caption="Larger rice reserves have helped keep prices steady during recent harvests.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "The government has made rice self-sufficiency a central promise, and larger "
                "state reserves have helped keep prices steady through recent harvests. That "
                "is an achievement worth acknowledging. But a full warehouse is not the same "
                "as food security, and the distinction matters for policy."
            ),
            Para(
                "Food security means that every household can afford a nutritious diet, every "
                "year. In Indonesia, where many families spend a large share of their income "
                "on food and child stunting remains stubbornly high, the quality of diets "
                "matters as much as the quantity of rice in storage."
            ),
            Break(),
            Para(
                "Policy should therefore look beyond a single crop. Support for vegetables, "
                "fish, eggs and legumes, better cold storage and cheaper shipping between "
                "islands would do more for nutrition than ever-larger rice targets. Such "
                "measures would also give farmers more than one way to earn a living."
            ),
            Para(
                "Farmers' incomes deserve equal attention. Many rice farmers work plots of "
                "less than half a hectare and earn too little to invest in better seeds or "
                "machinery. Cooperatives that pool land, crop insurance and fair purchase "
                "prices would strengthen the base on which any stockpile rests."
            ),
            Para(
                "Finally, trade should be treated as a tool, not a failure. Predictable "
                "import rules, announced well ahead, let the state fill gaps without the "
                "sudden purchases that unsettle regional markets. Self-reliance and openness "
                "are not opposites; a resilient food system needs both."
            ),
        ),
    ),
    DemoArticle(
        key="batik-exhibition-court-textile-to-everyday-fashion",
        headline="Exhibition traces batik's journey from court textile to everyday fashion",
        dek=(
            "A new show in central Jakarta brings together historic cloths, contemporary "
            "designs and the tools of the craft, asking how a centuries-old technique keeps "
            "reinventing itself."
        ),
        section="culture",
        access="free",
        hours_ago=8,
        authors=("culture-desk",),
        dateline="Jakarta",
        tags=("arts", "tourism"),
        hero=Picture(
            key="batik-exhibition",
            motif="abstract",
            palette="ember",
            alt="Illustration of repeating curved and diagonal patterns in deep red and brown",
            caption="The exhibition brings together historic cloths and contemporary designs.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "An exhibition opening this week in central Jakarta follows batik from the "
                "royal courts of Central Java to the wardrobes of office workers and the "
                "catwalks of international fashion weeks, bringing together more than a "
                "hundred cloths, copper stamps and wax-resist tools."
            ),
            Para(
                "The first rooms show older pieces from Yogyakarta and Surakarta, where "
                "certain motifs were once reserved for the royal family and the nobility. "
                "Labels explain how patterns such as <i>parang</i> and <i>kawung</i> carried "
                "meanings about status, protection and harmony. Several of the cloths are on "
                "loan from private collections."
            ),
            Para(
                "Later galleries turn to the north coast towns of Pekalongan, Lasem and "
                "Cirebon, where trade with Chinese, Arab and European merchants introduced "
                "new colours and motifs. Bright floral designs and birds sit alongside "
                "patterns influenced by imported porcelain and printed cotton."
            ),
            Quote(
                text=(
                    "Batik has survived because each generation has felt free to make it its own."
                ),
                attribution="Exhibition wall text",
            ),
            Para(
                "The final section features young designers who combine hand-drawn batik with "
                "digital printing, natural dyes and recycled fabrics. The curators said they "
                "wanted visitors to see batik not as a museum object but as a living practice "
                "that still employs thousands of artisans."
            ),
            Para(
                "UNESCO inscribed Indonesian batik on its list of intangible cultural "
                "heritage in 2009, and National Batik Day is marked every October 2. The "
                "exhibition runs for two months, with weekend workshops where visitors can "
                "try applying wax with a <i>canting</i>, the small copper tool used for "
                "hand-drawn batik."
            ),
        ),
    ),
    DemoArticle(
        key="indonesian-films-draw-record-audiences",
        headline="Indonesian films draw record audiences as horror and family dramas lead",
        dek=(
            "Local productions are taking a growing share of cinema ticket sales, helped by "
            "new screens outside Java and streaming deals, though producers say financing "
            "and distribution remain uneven."
        ),
        section="culture",
        access="registered",
        hours_ago=48,
        authors=("culture-desk",),
        tags=("film", "arts"),
        hero=Picture(
            key="indonesian-cinema",
            motif="crowd",
            palette="night",
            alt=(
                "Illustration of a crowd of silhouetted figures facing a bright screen in a "
                "dark hall"
            ),
            caption="Local productions are taking a growing share of cinema ticket sales.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "Indonesian films are attracting more cinema-goers than ever, with local "
                "titles regularly topping the box office and accounting for a growing share "
                "of tickets sold, according to industry tallies compiled by producers and "
                "cinema chains. Cinema chains said weekend screenings of popular local titles "
                "often sell out."
            ),
            Para(
                "Horror remains the most reliable genre, drawing on folklore, village legends "
                "and urban myths that resonate with audiences across the archipelago. Family "
                "dramas and comedies with a strong regional flavour have also performed well, "
                "suggesting that viewers are hungry for stories set in familiar places."
            ),
            Break(),
            Para(
                "Cinema chains have opened screens in smaller cities in Sumatra, Kalimantan "
                "and Sulawesi, bringing films to audiences that once had to travel far or "
                "rely on pirated copies. Producers said ticket sales outside Java have grown "
                "faster than in the capital."
            ),
            Para(
                "Streaming platforms have become an important second window for local films, "
                "and some now co-finance productions from the script stage. Filmmakers said "
                "the deals provide welcome funding and wider reach, but can push projects "
                "toward formulas that recommendation algorithms tend to favour."
            ),
            Para(
                "Independent directors said it remains difficult to secure screens for "
                "smaller films, which are often pulled after a few days if opening numbers "
                "disappoint. Industry groups have asked for incentives that would keep local "
                "art-house titles in cinemas for longer."
            ),
        ),
    ),
    DemoArticle(
        key="jakarta-night-markets-street-food",
        headline="After dark in Jakarta: the night markets keeping street food traditions alive",
        dek=(
            "From grilled satay to sweet martabak, the capital's night markets are where "
            "regional recipes meet city appetites, and where vendors are adapting to rising "
            "costs, delivery apps and new rules on public space."
        ),
        section="culture",
        access="premium",
        hours_ago=236,
        authors=("culture-desk",),
        dateline="Jakarta",
        tags=("food", "jakarta", "tourism"),
        hero=Picture(
            key="jakarta-night-markets",
            motif="market",
            palette="dusk",
            alt="Illustration of food stalls under strings of lights beneath a dusky purple sky",
            caption="Night markets turn car parks and side streets into open-air food courts.",
            credit=ILLUSTRATION,
        ),
        body=(
            Para(
                "As offices empty and traffic thins, a different Jakarta appears along "
                "certain streets and car parks. Folding tables, gas burners and strings of "
                "bulbs turn ordinary tarmac into night markets where the smell of charcoal "
                "smoke, fried shallots and palm sugar hangs in the humid air."
            ),
            Para(
                "The vendors come from across the archipelago, and so do their recipes. "
                "Padang-style rice stalls stand beside carts selling <i>soto</i> from Central "
                "Java, grilled fish from Sulawesi and <i>martabak</i>, the stuffed pancake "
                "that comes in sweet and savoury versions. Drinks stalls sell sweet iced tea "
                "and <i>es cendol</i>."
            ),
            Break(),
            Para(
                "Many stalls are family businesses passed between generations. Vendors said "
                "the recipe is often the only inheritance, and that regular customers notice "
                "when a spice mix changes even slightly. Some keep handwritten notebooks of "
                "suppliers and proportions at home."
            ),
            Sub("New pressures"),
            Para(
                "Rising prices for cooking oil, chillies and shallots have squeezed margins, "
                "and vendors have had to choose between raising prices and shrinking "
                "portions. Delivery apps have brought new customers but take a commission "
                "that small stalls say is hard to absorb."
            ),
            Para(
                "City authorities periodically move vendors to designated areas to keep "
                "pavements clear for pedestrians. Traders said relocation can destroy a "
                "following built over years, and asked for a say in where new sites are "
                "placed and how stalls are allocated."
            ),
            Para(
                "For visitors, the advice from regulars is simple: follow the longest queue, "
                "bring small notes or a payment app, and arrive hungry. The most popular "
                "stalls often sell out well before midnight, and vendors start packing up as "
                "soon as the last portion is served."
            ),
        ),
    ),
)
