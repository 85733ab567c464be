//! The header names trackers use for each column, in English (csv-format.md's names
//! and aliases), German, French, Spanish, Italian, Portuguese and Dutch
//! (real-files.md "Headers"), as normalised keys (see [`super::normalize`]:
//! lowercase, accents folded, no spaces, `_ - . #`). A header that is the column's own
//! name is *canonical* and wins over one matched only by an alias.

use super::column::{normalize, Column};

/// How a header was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rank {
    /// One of the other names people use (`Deliverables`, `Type`, `Honorar`).
    Alias,
    /// The column's own name (`Format`, `Fee`, `fx_rate`).
    Canonical,
}

/// Reads a column name as a mapping gives it (`fx_rate`, `FX Rate`, or an alias such
/// as `client`), ignoring case, accents, spaces, `_` and `-`.
pub(crate) fn column_named(text: &str) -> Option<Column> {
    let key = normalize(text);
    if key == "paid" {
        return Some(Column::Paid);
    }
    lookup(&key).map(|(c, _)| c)
}

/// The column a normalised header names, and how.
pub(crate) fn lookup(key: &str) -> Option<(Column, Rank)> {
    // `paid` (yes/no) is never read from a header alone: a `Paid` column is a fee until
    // its values say otherwise.
    let mut own = Column::EVERY.iter().copied().filter(|c| *c != Column::Paid);
    if let Some(c) = own.find(|c| normalize(c.name()) == key) {
        return Some((c, Rank::Canonical));
    }
    alias(key).map(|c| (c, Rank::Alias))
}

fn alias(key: &str) -> Option<Column> {
    use Column::*;
    Some(match key {
        // date
        "postdate"
        | "dateposted"
        | "livedate"
        | "publishdate"
        | "posted"
        | "postingdate"
        | "datepublished"
        | "publishedon"
        | "publishdate/time"
        | "golivedate"
        | "golive"
        | "livedon"
        | "datum"
        | "veroffentlicht"
        | "veroffentlichungsdatum"
        | "veroffentlichtam"
        | "datedepublication"
        | "publiele"
        | "fecha"
        | "fechadepublicacion"
        | "data"
        | "datadipubblicazione"
        | "datadepublicacao"
        | "publicatiedatum" => Date,
        // brand
        "sponsor" | "client" | "company" | "advertiser" | "brandname" | "companyname" | "partner" | "brand/company"
        | "brand/client" | "sponsorname" | "marke" | "kunde" | "auftraggeber" | "marque" | "annonceur" | "marca"
        | "cliente" | "anunciante" | "merk" | "klant" | "adverteerder" => Brand,
        // platform
        "channel" | "network" | "socialnetwork" | "socialplatform" | "plattform" | "kanal" | "plateforme"
        | "reseau" | "plataforma" | "redsocial" | "piattaforma" | "canale" => Platform,
        // format
        "deliverable" | "deliverables" | "type" | "contenttype" | "posttype" | "deliverabletype" | "contentformat"
        | "inhaltstyp" | "art" | "typedecontenu" | "tipo" | "tipodecontenido" | "tipodicontenuto"
        | "tipodeconteudo" | "soort" => Format,
        // fee (and the names of a payment column, which the content rule may turn into one)
        "rate" | "price" | "amount" | "paid" | "payment" | "dealvalue" | "dealamount" | "compensation"
        | "amountpaid" | "totalfee" | "flatfee" | "sponsorshipfee" | "dealsize" | "payout" | "honorar" | "gage"
        | "betrag" | "preis" | "vergutung" | "tarif" | "montant" | "cachet" | "remuneration" | "precio" | "importe"
        | "tarifa" | "compenso" | "prezzo" | "importo" | "valor" | "cache" | "vergoeding" | "bedrag" | "prijs"
        | "bezahlt" | "paye" | "pagado" | "pagato" | "pago" | "betaald" => Fee,
        // currency
        "wahrung" | "devise" | "monnaie" | "moneda" | "divisa" | "valuta" | "moeda" | "munteenheid" => Currency,
        // fx_rate
        "exchangerate" | "wechselkurs" | "kurs" | "tauxdechange" | "tipodecambio" | "tassodicambio"
        | "taxadecambio" | "wisselkoers" => FxRate,
        // counts
        "impr" | "imps" | "impressionen" | "einblendungen" | "impresiones" | "impressioni" | "impressoes"
        | "vertoningen" => Impressions,
        "reichweite" | "portee" | "alcance" | "copertura" | "bereik" => Reach,
        "videoviews" | "plays" | "aufrufe" | "vues" | "visualisations" | "visualizaciones" | "reproducciones"
        | "visualizzazioni" | "visualizacoes" | "weergaven" => Views,
        "gefalltmir" | "j'aime" | "jaime" | "megusta" | "mipiace" | "curtidas" => Likes,
        "kommentare" | "commentaires" | "comentarios" | "commenti" | "reacties" => Comments,
        "geteilt" | "partages" | "compartidos" | "condivisioni" | "compartilhamentos" | "gedeeld" => Shares,
        "gespeichert" | "enregistrements" | "guardados" | "salvataggi" | "salvos" | "opgeslagen" => Saves,
        "linkclicks" | "klicks" | "linkklicks" | "clics" | "clicsenelenlace" | "clic" | "cliques" | "klikken" => Clicks,
        // text
        "deal" | "campaignname" | "kampagne" | "campagne" | "campana" | "campagna" | "campanha" => Campaign,
        "link" | "posturl" | "postlink" | "permalink" | "livelink" | "contentlink" | "lien" | "enlace"
        | "collegamento" | "ligacao" => Url,
        "note" | "comment" | "notizen" | "anmerkung" | "anmerkungen" | "bemerkung" | "bemerkungen" | "remarques"
        | "notas" | "notities" => Notes,
        // deals
        "stage" | "dealstatus" | "dealstage" | "stand" | "statut" | "estado" | "stato" | "fase" => Status,
        "paymentdate" | "datepaid" | "paiddate" | "bezahltam" | "zahlungsdatum" | "payele" | "datedepaiement"
        | "fechadepago" | "pagatoil" | "datadepagamento" | "betaaldop" => PaidOn,
        _ => return None,
    })
}

/// Columns people keep that Mille computes itself or does not keep: ignored with a
/// note saying so, rather than the generic "not a campaign column".
pub(crate) fn computed(key: &str) -> bool {
    matches!(
        key,
        "cpm"
            | "tkp"
            | "cpv"
            | "cpc"
            | "cpe"
            | "ctr"
            | "er"
            | "engagement"
            | "engagementrate"
            | "engrate"
            | "engagementrate(%)"
            | "engagementratepct"
            | "invoice"
            | "invoicenumber"
            | "invoiceno"
            | "invoicenr"
            | "rechnungsnummer"
            | "rechnung"
            | "facture"
            | "numerodefacture"
            | "factura"
            | "fattura"
            | "factuur"
            | "factuurnummer"
            | "effectivecpm"
            | "ecpm"
            | "rpm"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name of real-files.md's table, as written there.
    #[test]
    fn every_name_of_the_spec_table() {
        let table: &[(Column, &str)] = &[
            (Column::Date, "Datum, Veröffentlicht, Veröffentlichungsdatum, Date de publication, Publié le, Fecha, Fecha de publicación, Data, Data di pubblicazione, Data de publicação, Publicatiedatum"),
            (Column::Brand, "Marke, Kunde, Auftraggeber, Marque, Client, Annonceur, Marca, Cliente, Anunciante, Merk, Klant, Adverteerder"),
            (Column::Platform, "Plattform, Kanal, Plateforme, Réseau, Plataforma, Red social, Piattaforma, Canale, Platform"),
            (Column::Format, "Inhaltstyp, Art, Type de contenu, Tipo, Tipo de contenido, Tipo di contenuto, Tipo de conteúdo, Soort"),
            (Column::Fee, "Honorar, Gage, Betrag, Preis, Vergütung, Tarif, Montant, Cachet, Rémunération, Precio, Importe, Tarifa, Compenso, Prezzo, Importo, Valor, Cachê, Vergoeding, Bedrag, Prijs"),
            (Column::Currency, "Währung, Devise, Monnaie, Moneda, Divisa, Valuta, Moeda, Munteenheid"),
            (Column::FxRate, "Wechselkurs, Kurs, Taux de change, Tipo de cambio, Tasso di cambio, Taxa de câmbio, Wisselkoers"),
            (Column::Impressions, "Impressionen, Einblendungen, Impressions, Impresiones, Impressioni, Impressões, Vertoningen"),
            (Column::Reach, "Reichweite, Portée, Alcance, Copertura, Bereik"),
            (Column::Views, "Aufrufe, Views, Vues, Visualisations, Visualizaciones, Reproducciones, Visualizzazioni, Visualizações, Weergaven"),
            (Column::Likes, "Likes, Gefällt mir, J'aime, Me gusta, Mi piace, Curtidas"),
            (Column::Comments, "Kommentare, Commentaires, Comentarios, Commenti, Comentários, Reacties"),
            (Column::Shares, "Geteilt, Shares, Partages, Compartidos, Condivisioni, Compartilhamentos, Gedeeld"),
            (Column::Saves, "Gespeichert, Enregistrements, Guardados, Salvataggi, Salvos, Opgeslagen"),
            (Column::Clicks, "Klicks, Link-Klicks, Clics, Clics en el enlace, Clic, Cliques, Klikken"),
            (Column::Campaign, "Kampagne, Campagne, Campaña, Campagna, Campanha"),
            (Column::Url, "Link, Lien, Enlace, Collegamento, Ligação"),
            (Column::Notes, "Notizen, Anmerkungen, Remarques, Notas, Note, Notities"),
            (Column::Status, "Status, Stage, Stand, Statut, Estado, Stato, Fase"),
            (Column::PaidOn, "Paid on, Payment date, Date paid, Bezahlt am, Zahlungsdatum, Payé le, Date de paiement, Fecha de pago, Pagato il, Data de pagamento, Betaald op"),
        ];
        for (col, names) in table {
            for name in names.split(", ") {
                assert_eq!(lookup(&normalize(name)).map(|(c, _)| c), Some(*col), "{name}");
            }
        }
    }

    #[test]
    fn names_english_trackers_use() {
        for (name, col) in [
            ("Brand/Company", Column::Brand),
            ("Deliverable Type", Column::Format),
            ("Amount Paid", Column::Fee),
            ("Total Fee", Column::Fee),
            ("Go-Live Date", Column::Date),
            ("Live Link", Column::Url),
            ("Social Platform", Column::Platform),
            ("Bemerkung", Column::Notes),
        ] {
            assert_eq!(lookup(&normalize(name)).map(|(c, _)| c), Some(col), "{name}");
        }
    }

    #[test]
    fn canonical_names_rank_above_aliases() {
        assert_eq!(lookup("format"), Some((Column::Format, Rank::Canonical)));
        assert_eq!(lookup("deliverables"), Some((Column::Format, Rank::Alias)));
        assert_eq!(lookup("fxrate"), Some((Column::FxRate, Rank::Canonical)));
        assert_eq!(lookup("paidon"), Some((Column::PaidOn, Rank::Canonical)));
        assert!(computed(&normalize("CPM")) && computed(&normalize("Engagement Rate")) && computed("tkp"));
    }
}
