using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;

namespace Facturix.Infrastructure.DemoData;

/// <summary>The fixed French vocabulary of the demo: staff, client accounts, campaigns, titles, cities, texts.</summary>
internal static class DemoCatalog
{
    public sealed record StaffMember(string Email, string DisplayName, string Role);

    /// <summary>The demo users of ui-contract.md, in this order: admin, manager, bd1..bd6.</summary>
    public static readonly StaffMember[] Staff =
    [
        new("admin@facturix.local", "Isabelle Moreau", Roles.Admin),
        new("manager@facturix.local", "Thomas Lefèvre", Roles.Manager),
        new("bd1@facturix.local", "Camille Durand", Roles.BusinessDeveloper),
        new("bd2@facturix.local", "Julien Bernard", Roles.BusinessDeveloper),
        new("bd3@facturix.local", "Sarah Benali", Roles.BusinessDeveloper),
        new("bd4@facturix.local", "Nicolas Roux", Roles.BusinessDeveloper),
        new("bd5@facturix.local", "Léa Fontaine", Roles.BusinessDeveloper),
        new("bd6@facturix.local", "Maxime Girard", Roles.BusinessDeveloper),
    ];

    public sealed record CampaignSpec(string Name, string Target, CampaignState State, string Goal);

    public sealed record ClientSpec(
        string Name, string Industry, string Website, string City, string Offer, string Benefit, string Notes,
        CampaignSpec First, CampaignSpec Second);

    /// <summary>The demo manager is assigned the first three clients; the admin sees all five.</summary>
    public const int ManagedClientCount = 3;

    /// <summary>Five fictional clients of the agency, each with two campaigns (5 active, 2 paused, 2 completed, 1 draft).</summary>
    public static readonly ClientSpec[] Clients =
    [
        new("Logivia", "Éditeur de logiciels", "https://www.logivia.fr", "Lyon",
            "logiciel de planification des tournées et de gestion de flotte",
            "réduire de 15 % leurs kilomètres à vide",
            "Client depuis 2023. Interlocuteur : directeur commercial. Reporting mensuel attendu le 5 du mois.",
            new("Transporteurs régionaux Auvergne-Rhône-Alpes", "transporteurs et logisticiens de 20 à 250 salariés", CampaignState.Active,
                "Obtenir une démonstration de 30 minutes avec le dirigeant ou le responsable d'exploitation."),
            new("Distributeurs BtoB — relance 2025", "grossistes et distributeurs disposant d'une flotte", CampaignState.Completed,
                "Requalifier les contacts du salon Solutrans et obtenir des rendez-vous.")),
        new("Thermonord", "Génie climatique", "https://www.thermonord.fr", "Lille",
            "contrats de maintenance CVC multisites",
            "fiabiliser le chauffage et la climatisation de leurs sites sans gérer plusieurs prestataires",
            "Cycle de vente long (3 à 6 mois). Les rendez-vous sont assurés par leurs ingénieurs d'affaires.",
            new("Sites industriels Hauts-de-France", "sites industriels et entrepôts de plus de 5 000 m²", CampaignState.Active,
                "Qualifier le parc d'équipements et obtenir une visite technique."),
            new("Syndics et gestionnaires d'immeubles", "syndics de copropriété et property managers", CampaignState.Paused,
                "Identifier les échéances de contrats de maintenance et placer un rendez-vous.")),
        new("Solvéo Énergie", "Énergie renouvelable", "https://www.solveo-energie.fr", "Nantes",
            "centrales photovoltaïques en toiture pour les entreprises",
            "baisser leur facture d'électricité grâce à l'autoconsommation",
            "Prime à l'investissement à mettre en avant. Ne pas promettre de délai de raccordement.",
            new("PME industrielles du Grand Ouest", "PME industrielles propriétaires de leurs bâtiments", CampaignState.Active,
                "Obtenir les factures d'électricité et un rendez-vous d'étude de faisabilité."),
            new("Collectivités — appel à projets 2026", "communautés de communes et syndicats d'énergie", CampaignState.Draft,
                "Préparer la campagne : fichier en cours de constitution.")),
        new("Cabinet Verlaine RH", "Conseil en ressources humaines", "https://www.verlaine-rh.fr", "Paris",
            "recrutement de cadres et externalisation de la fonction RH",
            "recruter plus vite sur les postes clés",
            "Facturation au succès. Le client souhaite voir les comptes rendus de rendez-vous dans le portail.",
            new("ETI d'Île-de-France — directions RH", "ETI de 250 à 2 000 salariés", CampaignState.Active,
                "Obtenir un rendez-vous avec la DRH ou la direction générale."),
            new("Start-up en croissance — séries A et B", "start-up ayant levé des fonds dans les 18 derniers mois", CampaignState.Completed,
                "Proposer un premier recrutement de cadre à tarif de lancement.")),
        new("Nexalis Télécom", "Télécommunications", "https://www.nexalis-telecom.fr", "Toulouse",
            "téléphonie IP et fibre dédiée pour les entreprises",
            "réunir téléphonie et internet chez un seul opérateur, avec un interlocuteur local",
            "Offre de portabilité gratuite jusqu'au 31 décembre. Zone de couverture : Occitanie et Nouvelle-Aquitaine.",
            new("Cabinets d'expertise comptable d'Occitanie", "cabinets comptables de 10 à 100 collaborateurs", CampaignState.Active,
                "Obtenir un audit gratuit des factures télécoms."),
            new("Cliniques et centres médicaux", "cliniques, centres de santé et laboratoires", CampaignState.Paused,
                "Qualifier le standard téléphonique et les sites à raccorder.")),
    ];

    public static string Script(ClientSpec client, CampaignSpec campaign) => $"""
        ## Accroche
        Bonjour, je suis [votre prénom], je vous appelle de la part de **{client.Name}**. Nous accompagnons les {campaign.Target} pour {client.Benefit}. Avez-vous deux minutes ?

        ## Questions de qualification
        - Comment gérez-vous aujourd'hui ce sujet, et avec quel prestataire ?
        - Qui d'autre participe à la décision ?
        - Avez-vous une échéance (fin de contrat, budget, projet) dans les 12 prochains mois ?

        ## Objections fréquentes
        - « Nous avons déjà un prestataire » → Très bien : quand avez-vous comparé pour la dernière fois ? Un point de 30 minutes suffit.
        - « Envoyez-moi une documentation » → Avec plaisir ; pour l'adapter, puis-je vous poser deux questions ?
        - « Pas le temps » → Je comprends ; quel moment vous conviendrait mieux cette semaine ?

        ## Objectif
        {campaign.Goal}
        """;

    public sealed record City(string Name, int Region, int Weight);

    /// <summary>French cities with their landline region digit (01 Île-de-France ... 05 south-west), weighted by business density.</summary>
    public static readonly City[] Cities =
    [
        new("Paris", 1, 22), new("Boulogne-Billancourt", 1, 3), new("Nanterre", 1, 2), new("Saint-Denis", 1, 2),
        new("Versailles", 1, 2), new("Issy-les-Moulineaux", 1, 2), new("Créteil", 1, 1), new("Massy", 1, 1),
        new("Lyon", 4, 9), new("Marseille", 4, 6), new("Toulouse", 5, 6), new("Nice", 4, 3), new("Nantes", 2, 5),
        new("Montpellier", 4, 3), new("Strasbourg", 3, 3), new("Bordeaux", 5, 5), new("Lille", 3, 5), new("Rennes", 2, 4),
        new("Reims", 3, 1), new("Grenoble", 4, 2), new("Dijon", 3, 1), new("Angers", 2, 1), new("Le Mans", 2, 1),
        new("Aix-en-Provence", 4, 2), new("Clermont-Ferrand", 4, 1), new("Tours", 2, 1), new("Limoges", 5, 1),
        new("Amiens", 3, 1), new("Metz", 3, 1), new("Besançon", 3, 1), new("Orléans", 2, 1), new("Rouen", 2, 2),
        new("Caen", 2, 1), new("Nancy", 3, 1), new("Brest", 2, 1), new("Pau", 5, 1), new("Annecy", 4, 1),
        new("Mulhouse", 3, 1), new("Perpignan", 4, 1), new("La Rochelle", 5, 1), new("Valence", 4, 1), new("Saint-Étienne", 4, 1),
    ];

    public static readonly string[] FemaleFirstNames =
    [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Valérie", "Christine", "Sandrine", "Céline",
        "Stéphanie", "Véronique", "Aurélie", "Caroline", "Émilie", "Julie", "Laure", "Anne", "Claire", "Hélène",
        "Agnès", "Florence", "Virginie", "Delphine", "Karine", "Laetitia", "Élodie", "Camille", "Pauline", "Marion",
        "Audrey", "Mélanie", "Charlotte", "Manon", "Léa", "Chloé", "Sarah", "Inès", "Amandine", "Justine",
        "Vanessa", "Patricia", "Martine", "Béatrice", "Corinne", "Françoise", "Laurence", "Muriel", "Nadia", "Samia",
        "Fatima", "Yasmine", "Océane", "Margaux", "Lucie", "Anaïs", "Clémence", "Alice", "Mathilde", "Agathe",
    ];

    public static readonly string[] MaleFirstNames =
    [
        "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "Laurent", "Frédéric",
        "Stéphane", "Éric", "David", "Olivier", "Sébastien", "Julien", "Thierry", "Pascal", "Vincent", "François",
        "Jérôme", "Bruno", "Guillaume", "Thomas", "Mathieu", "Antoine", "Romain", "Alexandre", "Maxime", "Benoît",
        "Cédric", "Fabrice", "Arnaud", "Emmanuel", "Xavier", "Damien", "Yannick", "Hervé", "Didier", "Gilles",
        "Karim", "Mehdi", "Rachid", "Hugo", "Lucas", "Théo", "Florian", "Kevin", "Adrien", "Quentin",
        "Bertrand", "Grégory", "Ludovic", "Sylvain", "Loïc", "Franck", "Marc", "Yves", "Benjamin", "Clément",
    ];

    public sealed record JobTitle(string Masculine, string Feminine, int Weight, int ScoreBonus);

    public static readonly JobTitle[] JobTitles =
    [
        new("Directeur commercial", "Directrice commerciale", 14, 10),
        new("Directeur administratif et financier", "Directrice administrative et financière", 9, 10),
        new("DAF", "DAF", 5, 10),
        new("Responsable achats", "Responsable achats", 11, 8),
        new("Acheteur", "Acheteuse", 5, 4),
        new("Directeur général", "Directrice générale", 8, 15),
        new("Gérant", "Gérante", 7, 15),
        new("Président", "Présidente", 3, 15),
        new("DSI", "DSI", 4, 8),
        new("Directeur des systèmes d'information", "Directrice des systèmes d'information", 3, 8),
        new("Responsable RH", "Responsable RH", 5, 5),
        new("DRH", "DRH", 4, 8),
        new("Directeur marketing", "Directrice marketing", 4, 5),
        new("Responsable logistique", "Responsable logistique", 5, 6),
        new("Directeur des opérations", "Directrice des opérations", 4, 8),
        new("Responsable des services généraux", "Responsable des services généraux", 5, 6),
        new("Contrôleur de gestion", "Contrôleuse de gestion", 3, 2),
        new("Directeur d'usine", "Directrice d'usine", 3, 8),
        new("Responsable maintenance", "Responsable maintenance", 3, 5),
        new("Office manager", "Office manager", 3, 2),
        new("Responsable QHSE", "Responsable QHSE", 2, 3),
    ];

    public static readonly (string Source, int Weight)[] Sources =
    [
        ("Import CSV", 42), ("LinkedIn", 18), ("Base achetée", 12), ("Salon", 10), ("Site web", 9), ("Recommandation", 5), ("Webinaire", 4),
    ];

    // Company names: either Bogus' French "Nom et Nom" / "Nom SARL" style, or a brand built from these parts.
    public static readonly string[] BrandStarts =
    [
        "Nova", "Axe", "Lumi", "Sud", "Bati", "Agro", "Medi", "Tech", "Logi", "Alpi", "Oc", "Armor", "Trans", "Indus", "Eco",
        "Vert", "Hexa", "Proxi", "Atlan", "Neo", "Flexi", "Opti", "Terra", "Aqua", "Métal", "Pyré", "Loire", "Rhô", "Cap", "Ibéri",
    ];

    public static readonly string[] BrandEnds =
    [
        "tec", "lia", "lys", "plast", "fer", "nov", "com", "dis", "log", "sys", "pro", "med", "ven", "tis", "rix", "gie", "mat", "line", "pack", "bois",
    ];

    public static readonly string[] BrandQualifiers =
    [
        "", "", "", "Industrie", "Services", "Groupe", "Distribution", "Solutions", "Ingénierie", "Conseil", "Logistique", "Énergie", "Santé", "Bâtiment",
    ];

    public static readonly string[] InternalNotes =
    [
        "Standard : en réunion toute la matinée, rappeler après 14 h.",
        "Assistante : préfère un premier contact par e-mail.",
        "Ligne directe obtenue auprès du standard.",
        "Absent jusqu'à la fin de la semaine (congés).",
        "Messagerie pleine, impossible de laisser un message.",
        "Le standard ne transfère pas les appels commerciaux : tenter LinkedIn.",
        "À rappeler plutôt le mardi ou le jeudi en fin de journée.",
        "En déplacement sur un salon, rappeler la semaine prochaine.",
        "Nouveau numéro : l'ancien renvoie vers l'accueil du siège.",
        "Demande de vérifier le bon interlocuteur avant de rappeler.",
    ];

    /// <summary>Field feedback shown to the client in the portal, by what the conversation led to.</summary>
    public static readonly string[] ClientFeedbackAfterContact =
    [
        "Intérêt pour l'offre, mais la décision se prend au niveau du groupe.",
        "Organisation en cours de changement : interlocuteur à confirmer.",
        "Demande une référence client dans son secteur avant d'aller plus loin.",
    ];

    public static readonly string[] ClientFeedbackWhenInterested =
    [
        "Retour terrain : besoin identifié pour l'an prochain, budget en cours de validation.",
        "Compare actuellement deux prestataires, décision attendue d'ici la fin du trimestre.",
        "Sensible à l'argument de la proximité : un interlocuteur local compte beaucoup.",
    ];

    public static readonly string[] ClientFeedbackWhenRefused =
    [
        "Travaille actuellement avec un concurrent, contrat jusqu'en fin d'année.",
        "Projet repoussé au prochain exercice budgétaire.",
        "Pas de besoin : l'activité concernée a été externalisée l'an dernier.",
    ];

    public static readonly string[] NotAFitReasons =
    [
        "Pas de besoin à court terme.",
        "Déjà équipé, contrat signé récemment.",
        "Structure trop petite pour l'offre.",
        "Hors cible : activité sans rapport avec l'offre.",
        "Décision prise par le siège à l'étranger.",
        "Budget gelé pour l'année.",
    ];

    public static readonly string[] CallBackNotes =
    [
        "Interlocuteur disponible mais pressé : demande à être rappelé.",
        "Bon interlocuteur identifié, rappeler pour qualifier le besoin.",
        "Intéressé par le sujet, souhaite en reparler après sa réunion de direction.",
        "Demande à être rappelé en début de semaine prochaine.",
        "A transféré vers son adjoint, rappeler pour faire le point.",
    ];

    public static readonly string[] InterestNotes =
    [
        "Échange positif, besoin confirmé : envoi de la documentation.",
        "Projet en réflexion pour le prochain trimestre, souhaite une proposition.",
        "Insatisfait de son prestataire actuel, ouvert à comparer.",
        "Croissance de l'activité : le sujet devient prioritaire.",
    ];
}
