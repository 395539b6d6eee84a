package fr.relais.customer.match;

import java.util.List;

/**
 * Vocabulary and noise mix of the test-data generator. Two independent profiles: {@link #SAVOIE}
 * (Haute-Savoie, used to tune the engine) and {@link #HELDOUT} (Brittany, Alsace, Occitanie; other
 * names, streets and noise mix), used only to check that the tuning did not overfit.
 */
public record GeneratorProfile(String name, List<String[]> towns, List<String> maleNames, List<String> femaleNames,
                               List<String> surnames, List<String> surnameRoots, List<String> surnameMiddles,
                               List<String> surnameEndings, List<String> surnameParticles,
                               List<String> streets, List<String> streetTypes,
                               List<String> companyWords, List<String> trades, List<String> landlinePrefixes,
                               List<String> emailDomains, Noise noise) {

    /** Probabilities of each kind of noise, per rendered record. */
    public record Noise(double typoName, double typoGiven, double typoStreet, double typoCity, double initial,
                        double givenMissing, double swapOrder, double addressMissing, double moved,
                        double postcodeMissing, double postcodeTypo, double cityMissing, double phoneMissing,
                        double phoneOther, double phoneTypo, double emailMissing, double emailOther,
                        double siretMissing, double sirenOnly, double siretTypo, double complement,
                        double cedex, double upperCase) {
    }

    public static GeneratorProfile byName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "savoie", "haute-savoie", "tuning" -> SAVOIE;
            case "heldout", "held-out" -> HELDOUT;
            default -> throw new IllegalArgumentException("unknown profile '" + name + "' (savoie or heldout)");
        };
    }

    private static List<String> words(String s) {
        return List.of(s.trim().split("\\s*;\\s*"));
    }

    private static List<String[]> towns(String s) {
        return words(s).stream().map(t -> t.split("\\s*=\\s*")).toList();
    }

    public static final GeneratorProfile SAVOIE = new GeneratorProfile("savoie",
            towns("Annecy=74000; Annecy=74000; Annecy=74000; Seynod=74600; Cran-Gevrier=74960; Annecy-le-Vieux=74940;"
                    + "Meythet=74960; Épagny=74330; Poisy=74330; Pringy=74370; Argonay=74370; Sévrier=74320;"
                    + "Saint-Jorioz=74410; Talloires=74290; Menthon-Saint-Bernard=74290; Veyrier-du-Lac=74290;"
                    + "Faverges=74210; Doussard=74210; Thônes=74230; La Clusaz=74220; Le Grand-Bornand=74450;"
                    + "Rumilly=74150; Alby-sur-Chéran=74540; Cruseilles=74350; Reignier-Ésery=74930;"
                    + "La Roche-sur-Foron=74800; Bonneville=74130; Cluses=74300; Sallanches=74700; Passy=74190;"
                    + "Chamonix-Mont-Blanc=74400; Saint-Gervais-les-Bains=74170; Megève=74120; Thonon-les-Bains=74200;"
                    + "Évian-les-Bains=74500; Annemasse=74100; Saint-Julien-en-Genevois=74160; Gaillard=74240;"
                    + "Sciez=74140; Douvaine=74140; Saint-Félix=74540; Marnaz=74460; Scionzier=74950"),
            words("Jean; Pierre; Michel; André; Philippe; Alain; Bernard; Jacques; Daniel; Christian; Patrick; Gérard;"
                    + "Nicolas; Laurent; Julien; Sébastien; Christophe; Frédéric; Thierry; Olivier; Stéphane; Éric;"
                    + "David; Pascal; François; Jean-Pierre; Jean-Marc; Jean-Luc; Jean-Claude; Marc; Luc; Yves;"
                    + "Guillaume; Thomas; Antoine; Maxime; Romain; Hugo; Lucas; Mathieu; Bruno; Didier; Gilles;"
                    + "Joseph; Lionel; Régis; Hervé; Denis; Cédric; Fabrice; Raphaël; Benoît; Jérôme; Rémi;"
                    + "Vincent; Franck; Alexandre; Arnaud; Jean-Paul; Jean-Michel; Jean-François; Roger; Marcel;"
                    + "René; Claude; Paul; Louis; Henri; Georges; Robert; Raymond; Guy; Serge; Dominique; Emmanuel;"
                    + "Grégory; Jérémy; Anthony; Jonathan; Kévin; Damien; Florent; Vianney; Aurélien; Benjamin;"
                    + "Alexis; Quentin; Florian; Adrien; Clément; Théo; Nathan; Enzo; Baptiste; Arthur; Gabriel;"
                    + "Victor; Tristan; Loïc; Yannick; Gaëtan; Ludovic; Xavier; Hubert; Gilbert; Roland; Marius;"
                    + "Fernand; Aimé; Séraphin; Amédée; Anselme; Firmin; Félicien; Urbain; Alphonse; Évariste"),
            words("Marie; Nathalie; Isabelle; Sylvie; Catherine; Françoise; Christine; Monique; Valérie; Sandrine;"
                    + "Véronique; Nicole; Sophie; Céline; Chantal; Martine; Anne; Stéphanie; Julie; Aurélie;"
                    + "Émilie; Claire; Camille; Laura; Manon; Léa; Chloé; Élodie; Hélène; Brigitte; Agnès;"
                    + "Marie-Claude; Marie-Hélène; Anne-Marie; Josiane; Colette; Danielle; Odile; Pauline; Lucie;"
                    + "Laetitia; Virginie; Caroline; Florence; Mélanie; Corinne; Delphine; Mireille; Jacqueline;"
                    + "Jeanne; Michèle; Annie; Patricia; Dominique; Évelyne; Martine; Bernadette; Jocelyne;"
                    + "Marie-France; Marie-Paule; Geneviève; Claudine; Éliane; Danièle; Liliane; Nadine; Pascale;"
                    + "Karine; Carole; Audrey; Emmanuelle; Marion; Mathilde; Emma; Inès; Jade; Louise; Alice;"
                    + "Sarah; Anaïs; Margaux; Lola; Ambre; Romane; Eva; Juliette; Apolline; Clémence; Agathe;"
                    + "Marguerite; Madeleine; Yvette; Lucienne; Joséphine; Séraphine; Philomène; Amélie;"
                    + "Honorine; Bérengère; Gwendoline; Héloïse; Solange; Ghislaine"),
            words("Martin; Bernard; Dubois; Thomas; Robert; Richard; Petit; Durand; Leroy; Moreau; Simon; Laurent;"
                    + "Lefebvre; Michel; Garcia; David; Bertrand; Roux; Vincent; Fournier; Morel; Girard; André;"
                    + "Mercier; Dupont; Lambert; Bonnet; François; Martinez; Favre; Rey; Mermillod; Dupraz; Gaillard;"
                    + "Pollet; Bouvier; Perrier; Curtet; Duret; Jacquier; Mugnier; Pessey; Bochet; Sonnerat;"
                    + "Carron; Tissot; Vuagnat; Perrissin; Dunand; Excoffier; Baud; Gavard; Chatel; Bibollet;"
                    + "Métral; Pernoud; Deléan; Ducret; Burnet; Vulliet; Grillet; Collomb; Lathuille; Cottet;"
                    + "Décarroux; Bouchet; Chappaz; Revillard; Jacquemoud; Pochat; Girod; Mouthon; Blanc; Meynet;"
                    + "Tochon; Rouge; Cusin; Berthet; Mollard; Vittoz; Dépraz; Saint-Marcel; Mégevand; Perroud;"
                    + "Marullaz; Ballaz; Fontaine; Chevallier; Rosset; Vernaz; Allard; Brun; Muffat; Cohendoz;"
                    + "Déage; Gay; Ruffier; Sallaz; Truffet; Veyrat; Volland; Boujon; Maréchal; Lacroix;"
                    + "De La Fontaine; Le Bihan; Saint-Jean; Chamot; Dagand; Dupenloup; Tairraz; Crozet; Joly"),
            words("Bouv; Mug; Pern; Dun; Gav; Curt; Perr; Moll; Vull; Berth; Coll; Chap; Rev; Jacqu; Poch; Mouth;"
                    + "Tiss; Carr; Dupr; Favr; Poll; Bibol; Mercl; Gerb; Dec; Goll; Mass; Vitt; Roch; Burn; Ducr;"
                    + "Excoff; Crett; Pasq; Chamb; Thev; Marc; Bern; Cohend; Balm; Frass; Grang; Monn; Peyr; Sall"),
            words("; ; ; ar; el; in; on; ol; er; ill; ag; ev; ir; ot; eur"),
            words("ier; et; oz; az; ard; in; ey; on; and; el; oud; at; illon; ollet; ellaz; uz; ex; ud; aud; ieux"),
            words("Du; De; De La"),
            words("de la Paix; des Lilas; du Lac; des Alpes; du Mont-Blanc; de Genève; de Chambéry; des Aravis;"
                    + "Saint-François; du Parmelan; de la Tournette; du Semnoz; des Tilleuls; des Cerisiers;"
                    + "du Général de Gaulle; Jean Jaurès; Victor Hugo; de la République; Carnot; Sommeiller;"
                    + "des Marquisats; d'Albigny; de Novel; des Écoles; de la Gare; du Pont-Neuf; des Glières;"
                    + "du Thiou; de Brogny; de la Fruitière; des Vignes; du Château; de la Mairie; du Stade;"
                    + "des Fontaines; des Prés; du Vieux Moulin; de l'Église; Sainte-Claire; de Bonlieu;"
                    + "des Crêts; du Salève; de la Croix-Rouge; des Bouleaux; Louis Armand; Aristide Briand;"
                    + "du Maréchal Leclerc; de Thônes; de Cran; du Crêt du Maure; des Pervenches; des Sapins;"
                    + "des Tennis; du Lavoir; de la Chapelle; des Granges; du Verger; des Alpages; de la Fontaine;"
                    + "du Bois; des Noyers; des Chênes; du Clos; de la Combe; des Champs; du Marais; des Moulins;"
                    + "Paul Cézanne; Louis Pasteur; Jules Ferry; Émile Zola; Gambetta; Sainte-Anne; Saint-Joseph;"
                    + "du 8 Mai 1945; du 11 Novembre; de la Libération; des Allobroges; du Fier; de l'Arve;"
                    + "des Alpins; du Plateau; des Hirondelles; des Mésanges; des Érables; des Frênes; de Provence"),
            words("rue; rue; rue; avenue; avenue; boulevard; chemin; chemin; impasse; route; route; place; allée;"
                    + "quai; faubourg"),
            words("Alpes; Savoie; Lac; Mont-Blanc; Aravis; Léman; Genevois; Chablais; Bornes; Semnoz"),
            words("Plomberie; Chauffage; Électricité; Menuiserie; Boulangerie; Garage; Hôtel; Restaurant;"
                    + "Pharmacie; Immobilier; Transports; Fromagerie; Coiffure; Maçonnerie; Peinture"),
            words("04 50"),
            words("orange.fr; wanadoo.fr; gmail.com; free.fr; sfr.fr; laposte.net; hotmail.fr; yahoo.fr"),
            new Noise(0.035, 0.025, 0.04, 0.03, 0.04, 0.03, 0.35, 0.02, 0.012, 0.02, 0.01, 0.02, 0.08, 0.07, 0.01,
                    0.35, 0.04, 0.3, 0.15, 0.02, 0.05, 0.2, 0.4));

    public static final GeneratorProfile HELDOUT = new GeneratorProfile("heldout",
            towns("Rennes=35000; Rennes=35200; Brest=29200; Quimper=29000; Vannes=56000; Lorient=56100;"
                    + "Saint-Malo=35400; Saint-Brieuc=22000; Lannion=22300; Morlaix=29600; Concarneau=29900;"
                    + "Fougères=35300; Vitré=35500; Dinan=22100; Ploërmel=56800; Pontivy=56300;"
                    + "Strasbourg=67000; Strasbourg=67100; Colmar=68000; Mulhouse=68100; Haguenau=67500;"
                    + "Sélestat=67600; Saverne=67700; Obernai=67210; Illkirch-Graffenstaden=67400;"
                    + "Sainte-Marie-aux-Mines=68160; Guebwiller=68500; Toulouse=31000; Toulouse=31400;"
                    + "Montpellier=34000; Nîmes=30000; Albi=81000; Castres=81100; Béziers=34500; Sète=34200;"
                    + "Carcassonne=11000; Narbonne=11100; Perpignan=66000; Montauban=82000; Rodez=12000;"
                    + "Saint-Gaudens=31800; Millau=12100; Lunel=34400; Saint-Orens-de-Gameville=31650"),
            words("Yann; Erwan; Loïc; Gwenaël; Maël; Ronan; Tugdual; Goulven; Corentin; Killian; Brieuc;"
                    + "Fernand; Ernest; Joseph; René; Raymond; Marcel; Albert; Henri; Roger; Robert; Lucien;"
                    + "Jean-Baptiste; Jean-François; Jean-Yves; Jean-Louis; Pierre-Yves; Paul-Henri;"
                    + "Baptiste; Clément; Florian; Quentin; Valentin; Adrien; Damien; Arnaud; Vincent;"
                    + "Xavier; Thibault; Bastien; Jordan; Anthony; Kévin; Ludovic; Mickaël; Yannick; Serge;"
                    + "Gaëtan; Tristan; Aurélien; Timothée; Gaspard; Achille; Émile; Léon; Jules; Marius;"
                    + "Gildas; Hervé; Yvon; Jakez; Alan; Tanguy; Armel; Malo; Briac; Gurvan; Per; Youenn;"
                    + "Hans; Frédéric; Mathias; Sébastien; Fabien; Cyril; Lucas; Martin; Tom; Noah; Louis;"
                    + "Gilbert; Guy; Jacques; Michel; Bernard; Francis; Patrice; Sylvain; Laurent; Olivier;"
                    + "Joël; Jean-Charles; Jean-Jacques; Jean-Noël; Christophe; Pascal; Thierry; Éric; Étienne;"
                    + "Germain; Auguste; Eugène; Honoré; Prosper; Théophile; Anatole; Aristide; Norbert; Bertrand"),
            words("Nolwenn; Gwenola; Soizic; Maïwenn; Enora; Rozenn; Katell; Annaïg; Morgane; Awen;"
                    + "Odile; Germaine; Suzanne; Yvonne; Simone; Denise; Paulette; Gisèle; Huguette; Ginette;"
                    + "Marie-Thérèse; Marie-Christine; Anne-Sophie; Marie-Laure; Marie-Pierre; Anne-Laure;"
                    + "Océane; Clémence; Justine; Mathilde; Margaux; Juliette; Charlotte; Inès; Zoé; Jade;"
                    + "Elsa; Estelle; Solène; Gaëlle; Maud; Bérénice; Capucine; Ombeline; Faustine; Salomé;"
                    + "Annick; Maryvonne; Françoise; Marie; Anne; Catherine; Martine; Christiane; Monique;"
                    + "Nicole; Jeannine; Renée; Hélène; Cécile; Sandrine; Stéphanie; Aurélie; Julie; Laëtitia;"
                    + "Sabine; Sylvia; Béatrice; Régine; Édith; Odette; Irène; Lydie; Myriam; Nathalie; Isabelle;"
                    + "Élise; Léna; Lou; Rose; Nina; Maëlys; Lilou; Clara; Manon; Camille; Pauline; Aude;"
                    + "Armelle; Gwladys; Tiphaine; Bleuenn; Anna; Marthe; Berthe; Albertine; Léontine; Augustine"),
            words("Le Gall; Le Goff; Le Roux; Le Bris; Le Floch; Le Guen; Kerbrat; Guillou; Tanguy; Jaouen;"
                    + "Le Corre; Morvan; Quéré; Cadiou; Le Meur; Riou; Hamon; Prigent; Kerjean; Le Pape;"
                    + "Le Bras; Nédélec; Caroff; Pennec; Queffélec; Abgrall; Le Hir; Salaün; Even; Le Moal;"
                    + "Muller; Schmitt; Meyer; Weber; Schneider; Fischer; Wagner; Klein; Hoffmann; Koehler;"
                    + "Zimmermann; Roth; Bauer; Walter; Lang; Kieffer; Heitz; Ritter; Hubert; Schaeffer;"
                    + "Fabre; Roux; Bonnafous; Castan; Azéma; Barthès; Cazals; Delmas; Vidal; Pujol;"
                    + "Marty; Canal; Bousquet; Fabié; Sabatier; Couderc; Estève; Rouquette; Gaillac; Soulié;"
                    + "Lacombe; Sarda; Carrère; Mas; Rigal; Bonnet; Garrigues; Cabrol; Puech; Andrieu;"
                    + "Tournier; Combes; Calvet; Teulière; Carayon; Marcoul; D'Arcy; Du Plessis; Van den Berg;"
                    + "Saint-Pierre; Le Dantec; Le Gac; Keraudren; Bellec; Cornec; L'Hostis; Derrien; Jacob"),
            words("Ker; Le Goar; Penn; Guil; Quill; Tréh; Morv; Lann; Brig; Gour; Schw; Hoff; Wald; Eich; Lind;"
                    + "Stein; Berg; Ross; Wint; Baum; Cast; Mont; Aur; Bouss; Cab; Fab; Lab; Mal; Roqu; Sauv;"
                    + "Vern; Cros; Teys; Ferr; Gard; Lasc; Espin; Rouqu; Barb; Calm"),
            words("; ; ; an; er; el; en; ig; ol; or; ar; ann; ad; ich; ou"),
            words("ec; ou; ic; en; ern; mann; er; el; inger; bach; ac; ès; at; ier; ous; ade; al; ol; an; ot"),
            words("Le; Le; Le; Ker; Du; De"),
            words("de Brest; de Nantes; de la Liberté; du Port; des Remparts; de Kerinou; Saint-Martin;"
                    + "de Siam; Pasteur; Gambetta; Foch; du Colombier; de Lorient; des Korrigans; de Keraudren;"
                    + "Jules Ferry; Anatole France; Émile Zola; du 8 Mai 1945; des Cordiers; du Faubourg National;"
                    + "de la Robertsau; des Vosges; du Rhin; des Tanneurs; de Colmar; Kléber; de la Forêt-Noire;"
                    + "du Canal du Midi; des Capitouls; du Taur; de Metz; d'Alsace-Lorraine; Saint-Roch;"
                    + "des Troubadours; du Languedoc; de la Garonne; des Oliviers; des Cigales; de l'Occitanie;"
                    + "du Pic Saint-Loup; des Grenadiers; Sainte-Anne; du Professeur Calmette; Marcel Pagnol;"
                    + "Jean Moulin; des Bruyères; des Genêts; des Hortensias; des Ajoncs; de la Chapelle;"
                    + "de la Mer; du Moulin; des Mouettes; de Quimper; de Paris; de Strasbourg; de Toulouse;"
                    + "des Bleuets; des Camélias; du Stade; de la Poste; des Écoles; de la Gare; de l'Église;"
                    + "Victor Hugo; Gabriel Péri; Paul Bert; Henri Barbusse; Anne de Bretagne; du Général Leclerc;"
                    + "des Vignes; des Pins; du Lavoir; de la Fontaine; des Mimosas; de la Plage; du Menez;"
                    + "des Quatre Vents; de Kerfeunteun; du Landry; de Pen ar Créac'h; des Platanes; de l'Ill"),
            words("rue; rue; avenue; boulevard; boulevard; chemin; impasse; impasse; route; place; allée;"
                    + "quai; square; cours; passage; lotissement; résidence; hameau"),
            words("Armor; Bretagne; Iroise; Alsace; Rhin; Vosges; Occitanie; Garonne; Midi; Cévennes"),
            words("Plomberie; Chauffage; Électricité; Menuiserie; Boulangerie; Garage; Crêperie; Brasserie;"
                    + "Pharmacie; Immobilier; Transports; Charcuterie; Optique; Couverture; Carrelage"),
            words("02 98; 02 99; 02 97; 03 88; 03 89; 05 61; 04 67; 04 66; 05 63"),
            words("orange.fr; gmail.com; free.fr; sfr.fr; laposte.net; outlook.fr; bbox.fr; neuf.fr; icloud.com"),
            new Noise(0.05, 0.035, 0.05, 0.04, 0.05, 0.04, 0.45, 0.03, 0.015, 0.03, 0.015, 0.03, 0.10, 0.08, 0.015,
                    0.4, 0.05, 0.35, 0.2, 0.025, 0.08, 0.25, 0.5));
}
