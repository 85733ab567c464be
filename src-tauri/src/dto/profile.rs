//! The creator's profile, the pricing settings and the backups.

use mille::desk::settings::DealSettings;
use mille::model::Profile;
use mille::pricing::Settings;
use mille::store::BackupInfo;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HandleView {
    pub platform: String,
    pub handle: String,
    /// Audience as typed (empty: not known).
    pub audience: String,
}

/// The creator's profile.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProfileView {
    pub name: String,
    pub handles: Vec<HandleView>,
    pub base_currency: String,
    pub payment_terms: String,
    pub accent: String,
    pub logo: Option<String>,
    pub business: BusinessView,
}

/// Who invoices are from: free text, every field may be empty.
#[derive(Debug, Clone, Serialize, Deserialize, TS, Default)]
#[ts(export)]
pub struct BusinessView {
    pub legal_name: String,
    pub address: String,
    pub tax_id: String,
    pub email: String,
    pub payment_details: String,
    pub tax_note: String,
}

/// One pricing setting with its default and where the default comes from.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SettingView {
    pub key: String,
    pub value: String,
    pub default: String,
    pub source: String,
    /// `pricing` or `deals` (invoices and payment terms).
    pub group: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupView {
    pub name: String,
    pub kind: String,
    pub created: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

impl ProfileView {
    pub fn of(p: Profile) -> ProfileView {
        ProfileView {
            name: p.name,
            handles: p
                .handles
                .into_iter()
                .map(|h| HandleView {
                    platform: h.platform.as_str().to_string(),
                    handle: h.handle,
                    audience: h.audience.map(|a| a.to_string()).unwrap_or_default(),
                })
                .collect(),
            base_currency: p.base_currency,
            payment_terms: p.payment_terms,
            accent: p.accent,
            logo: p.logo,
            business: BusinessView {
                legal_name: p.business.legal_name,
                address: p.business.address,
                tax_id: p.business.tax_id,
                email: p.business.email,
                payment_details: p.business.payment_details,
                tax_note: p.business.tax_note,
            },
        }
    }
}

impl SettingView {
    /// Every setting with its default and the default's source: pricing's, then the
    /// deals' (net days, invoice prefix, tax line).
    pub fn all(settings: &Settings, deals: &DealSettings) -> Vec<SettingView> {
        let pricing = settings.describe().into_iter().map(|i| SettingView {
            key: i.key.to_string(),
            value: i.value,
            default: i.default,
            source: i.source.to_string(),
            group: "pricing".into(),
        });
        let deal = mille::desk::settings::KEYS.iter().map(|(key, default, source)| SettingView {
            key: key.to_string(),
            value: deals.value_text(key),
            default: default.to_string(),
            source: source.to_string(),
            group: "deals".into(),
        });
        pricing.chain(deal).collect()
    }
}

impl BackupView {
    pub fn of(b: BackupInfo) -> BackupView {
        let kind = serde_json::to_value(b.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        BackupView { name: b.name, kind, created: b.created, bytes: b.bytes }
    }

    /// Newest first.
    pub fn all(list: Vec<BackupInfo>) -> Vec<BackupView> {
        list.into_iter().rev().map(BackupView::of).collect()
    }
}
