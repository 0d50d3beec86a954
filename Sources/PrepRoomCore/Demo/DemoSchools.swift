extension DemoData {
    /// A few schools in each local authority for the demo, named after a main town of the
    /// authority, and two independent schools under SCIS. The names are real-looking and
    /// the seed codes invented (assumed): none is taken from the government's list.
    public static let schools: [SchoolFacts] = {
        var schools: [SchoolFacts] = []
        for (index, (authority, town)) in demoTowns.enumerated() {
            let code = 10 + index
            schools.append(SchoolFacts(seedCode: "5\(code)4120", name: "\(town) Academy", organisation: authority, type: .secondary))
            schools.append(SchoolFacts(seedCode: "8\(code)2130", name: "\(town) Primary School", organisation: authority, type: .primary))
            schools.append(SchoolFacts(seedCode: "8\(code)2270", name: "St Ninian's Primary School, \(town)", organisation: authority, type: .primary))
            if index % 4 == 0 {
                schools.append(SchoolFacts(seedCode: "5\(code)9010", name: "\(town) Additional Support Needs School", organisation: authority, type: .special))
            }
        }
        let scis = "Scottish Council of Independent Schools (SCIS)"
        schools.append(SchoolFacts(seedCode: "5950120", name: "Lomond Hill School", organisation: scis, type: .secondary))
        schools.append(SchoolFacts(seedCode: "5950230", name: "Ochil Independent School", organisation: scis, type: .secondary))
        return schools
    }()

    /// A main town of each local authority, in the order of `localAuthorities`.
    static let demoTowns: [(String, String)] = Array(zip(localAuthorities, [
        "Aberdeen", "Inverurie", "Arbroath", "Oban", "Leith", "Alloa", "Stornoway", "Dumfries", "Dundee",
        "Kilmarnock", "Bearsden", "Haddington", "Barrhead", "Falkirk", "Dunfermline", "Glasgow", "Inverness",
        "Greenock", "Dalkeith", "Elgin", "Irvine", "Motherwell", "Kirkwall", "Perth", "Paisley", "Galashiels",
        "Lerwick", "Ayr", "Hamilton", "Stirling", "Dumbarton", "Livingston",
    ]))
}
