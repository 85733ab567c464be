//! A tracker's status column (real-files.md "Statuses"): which stage of a deal a row
//! is at, and so whether it is a post. Words are matched case- and
//! accent-insensitively, in the seven languages of the headers; any other value, or
//! an empty status, is a post at `delivered`.
//!
//! Decision where real-files.md groups "lost / cancelled" in one row: `lost` is the
//! stage `lost` (the brand walked away), the cancel words (`cancelled`, `storniert`,
//! `annulé`, …) the stage `cancelled` (deals.md keeps both ends).

use super::dates::fold;

/// A deal's stage (deals.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Inquiry,
    Negotiating,
    Declined,
    Lost,
    Cancelled,
    Booked,
    Delivered,
    Invoiced,
    Paid,
}

impl Stage {
    /// True for the stages at which the row is a post that went (or goes) live.
    pub fn is_post(self) -> bool {
        matches!(self, Stage::Booked | Stage::Delivered | Stage::Invoiced | Stage::Paid)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Inquiry => "inquiry",
            Stage::Negotiating => "negotiating",
            Stage::Declined => "declined",
            Stage::Lost => "lost",
            Stage::Cancelled => "cancelled",
            Stage::Booked => "booked",
            Stage::Delivered => "delivered",
            Stage::Invoiced => "invoiced",
            Stage::Paid => "paid",
        }
    }
}

const WORDS: &[(Stage, &[&str])] = &[
    (
        Stage::Inquiry,
        &[
            "inquiry",
            "enquiry",
            "lead",
            "pitched",
            "pitch",
            "prospect",
            "anfrage",
            "demande",
            "consulta",
            "richiesta",
            "pedido",
            "aanvraag",
        ],
    ),
    (
        Stage::Negotiating,
        &[
            "negotiating",
            "negotiation",
            "in negotiation",
            "offer",
            "offer sent",
            "proposal sent",
            "pending",
            "on hold",
            "draft",
            "in verhandlung",
            "angebot",
            "en negociation",
            "en negociacion",
            "in trattativa",
            "em negociacao",
            "in onderhandeling",
        ],
    ),
    (
        Stage::Declined,
        &["declined", "rejected", "passed", "abgelehnt", "refuse", "rechazado", "rifiutato", "recusado", "afgewezen"],
    ),
    (Stage::Lost, &["lost"]),
    (
        Stage::Cancelled,
        &["cancelled", "canceled", "storniert", "abgesagt", "annule", "cancelado", "annullato", "geannuleerd"],
    ),
    (
        Stage::Booked,
        &[
            "booked",
            "confirmed",
            "signed",
            "contracted",
            "gebucht",
            "bestatigt",
            "confirme",
            "confirmado",
            "confermato",
            "bevestigd",
        ],
    ),
    (
        Stage::Delivered,
        &[
            "posted",
            "live",
            "published",
            "delivered",
            "done",
            "completed",
            "complete",
            "veroffentlicht",
            "geliefert",
            "erledigt",
            "publie",
            "livre",
            "publicado",
            "entregado",
            "pubblicato",
            "consegnato",
            "gepubliceerd",
            "geleverd",
        ],
    ),
    (
        Stage::Invoiced,
        &[
            "invoiced",
            "invoice sent",
            "unpaid",
            "awaiting payment",
            "open",
            "rechnung gestellt",
            "offen",
            "unbezahlt",
            "facture",
            "impaye",
            "facturado",
            "pendiente de pago",
            "fatturato",
            "faturado",
            "gefactureerd",
            "onbetaald",
        ],
    ),
    (Stage::Paid, &["paid", "bezahlt", "paye", "pagado", "pagato", "pago", "betaald"]),
];

/// The stage a status cell names, or `None` for any other value (a post at
/// `delivered`). Case, accents, surrounding spaces and punctuation such as `✅ Paid`
/// or `Paid!` do not matter; inner spaces are kept to one.
pub fn stage_of(text: &str) -> Option<Stage> {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    let key = words.join(" ");
    WORDS.iter().find(|(_, ws)| ws.contains(&key.as_str())).map(|(s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_the_spec() {
        for (stage, list) in [
            (Stage::Inquiry, "inquiry, lead, pitched, pitch, prospect, Anfrage, demande, consulta, richiesta, pedido, aanvraag"),
            (Stage::Negotiating, "negotiating, negotiation, in negotiation, offer, offer sent, proposal sent, pending, on hold, draft, In Verhandlung, Angebot, en négociation, en negociación, in trattativa, em negociação, in onderhandeling"),
            (Stage::Declined, "declined, rejected, passed, abgelehnt, refusé, rechazado, rifiutato, recusado, afgewezen"),
            (Stage::Lost, "lost, Lost"),
            (Stage::Cancelled, "cancelled, canceled, storniert, abgesagt, annulé, cancelado, annullato, geannuleerd"),
            (Stage::Booked, "booked, confirmed, signed, contracted, gebucht, bestätigt, confirmé, confirmado, confermato, bevestigd"),
            (Stage::Delivered, "posted, live, published, delivered, done, completed, veröffentlicht, geliefert, erledigt, publié, livré, publicado, entregado, pubblicato, consegnato, gepubliceerd, geleverd"),
            (Stage::Invoiced, "invoiced, invoice sent, unpaid, awaiting payment, open, Rechnung gestellt, offen, unbezahlt, facturé, impayé, facturado, pendiente de pago, fatturato, faturado, gefactureerd, onbetaald"),
            (Stage::Paid, "paid, bezahlt, payé, pagado, pagato, pago, betaald"),
        ] {
            for w in list.split(", ") {
                assert_eq!(stage_of(w), Some(stage), "{w}");
                assert_eq!(stage_of(&w.to_uppercase()), Some(stage), "{w}");
            }
        }
    }

    #[test]
    fn other_values_are_posts() {
        assert_eq!(stage_of("✅ Paid"), Some(Stage::Paid));
        assert_eq!(stage_of("  In  Negotiation "), Some(Stage::Negotiating));
        assert_eq!(stage_of(""), None);
        assert_eq!(stage_of("waiting on brand"), None);
        assert!(Stage::Paid.is_post() && Stage::Booked.is_post() && !Stage::Negotiating.is_post());
    }
}
