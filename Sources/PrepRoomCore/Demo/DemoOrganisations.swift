extension DemoData {
    /// The 32 Scottish local authorities (council names without a leading "The", as
    /// "City of Edinburgh Council" is written) and the member bodies that sit on STAC
    /// beside them: SCIS and Jordanhill School.
    public static let organisations: [OrganisationFacts] =
        localAuthorities.map { OrganisationFacts(name: $0, kind: .localAuthority) } + [
            OrganisationFacts(name: "Scottish Council of Independent Schools (SCIS)", kind: .memberBody),
            OrganisationFacts(name: "Jordanhill School", kind: .memberBody),
        ]

    static let localAuthorities: [String] = [
        "Aberdeen City Council",
        "Aberdeenshire Council",
        "Angus Council",
        "Argyll and Bute Council",
        "City of Edinburgh Council",
        "Clackmannanshire Council",
        "Comhairle nan Eilean Siar",
        "Dumfries and Galloway Council",
        "Dundee City Council",
        "East Ayrshire Council",
        "East Dunbartonshire Council",
        "East Lothian Council",
        "East Renfrewshire Council",
        "Falkirk Council",
        "Fife Council",
        "Glasgow City Council",
        "Highland Council",
        "Inverclyde Council",
        "Midlothian Council",
        "Moray Council",
        "North Ayrshire Council",
        "North Lanarkshire Council",
        "Orkney Islands Council",
        "Perth and Kinross Council",
        "Renfrewshire Council",
        "Scottish Borders Council",
        "Shetland Islands Council",
        "South Ayrshire Council",
        "South Lanarkshire Council",
        "Stirling Council",
        "West Dunbartonshire Council",
        "West Lothian Council",
    ]

    /// The Accredited Centres of the 2022 annual report: 8 operating and 4 potential
    /// centres that had asked for application forms. Names are the report's; the venues
    /// are not in the texts.
    public static let centres: [CentreFacts] = [
        CentreFacts(name: "North East Scotland College", kind: .college, localAuthority: "Aberdeen City Council", status: .approved,
                    venue: "North East Scotland College, Aberdeen City Campus, Gallowgate, Aberdeen AB25 1BN"), // assumed
        CentreFacts(name: "Forth Valley College", kind: .college, localAuthority: "Falkirk Council", status: .approved, // assumed: Falkirk campus
                    venue: "Forth Valley College, Falkirk Campus, Middlefield Road, Falkirk FK2 9AD"), // assumed
        CentreFacts(name: "North Lanarkshire Council", kind: .council, localAuthority: "North Lanarkshire Council", status: .approved,
                    venue: "North Lanarkshire Council, Civic Centre, Windmillhill Street, Motherwell ML1 1AB"), // assumed
        // Glasgow TSS: Glasgow City Council's technician support service.
        CentreFacts(name: "Glasgow TSS", kind: .council, localAuthority: "Glasgow City Council", status: .approved, // assumed: kind and LA
                    venue: "Glasgow TSS, Glasgow City Council Education Services, 40 John Street, Glasgow G1 1JL"), // assumed
        CentreFacts(name: "West Dunbartonshire Council", kind: .council, localAuthority: "West Dunbartonshire Council", status: .approved,
                    venue: "West Dunbartonshire Council, 16 Church Street, Dumbarton G82 1QL"), // assumed
        CentreFacts(name: "Inverclyde Council", kind: .council, localAuthority: "Inverclyde Council", status: .approved,
                    venue: "Inverclyde Council, Municipal Buildings, Clyde Square, Greenock PA15 1LY"), // assumed
        CentreFacts(name: "West College Scotland", kind: .college, localAuthority: "Renfrewshire Council", status: .approved, // assumed: Paisley campus
                    venue: "West College Scotland, Paisley Campus, Renfrew Road, Paisley PA3 4DR"), // assumed
        CentreFacts(name: "South Ayrshire Council", kind: .council, localAuthority: "South Ayrshire Council", status: .approved,
                    venue: "South Ayrshire Council, County Buildings, Wellington Square, Ayr KA7 1DR"), // assumed

        CentreFacts(name: "Highland Council", kind: .council, localAuthority: "Highland Council", status: .applicant,
                    venue: "Highland Council Headquarters, Glenurquhart Road, Inverness IV3 5NX"), // assumed
        CentreFacts(name: "Angus Council", kind: .council, localAuthority: "Angus Council", status: .applicant,
                    venue: "Angus House, Orchardbank Business Park, Forfar DD8 1AN"), // assumed
        CentreFacts(name: "Fife Council", kind: .council, localAuthority: "Fife Council", status: .applicant,
                    venue: "Fife House, North Street, Glenrothes KY7 5LT"), // assumed
        CentreFacts(name: "Dumfries and Galloway Council", kind: .council, localAuthority: "Dumfries and Galloway Council", status: .applicant,
                    venue: "Dumfries and Galloway Council, Council Offices, English Street, Dumfries DG1 2DD"), // assumed
    ]
}
