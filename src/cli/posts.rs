//! `mille posts add|list|edit|delete|restore|trash`: one post at a time, as a creator
//! logs them right after they go live and fills in the numbers days later.

use super::table::{clip, Align, Table};
use super::{out, out_json, values, CliResult, Ctx};
use clap::{Args, Subcommand};
use mille::input::{self, PostForm};
use mille::model::Post;
use mille::money;

#[derive(Subcommand)]
pub enum PostsCommand {
    /// Log one post; prints its id.
    Add(AddArgs),
    /// List posts (oldest first), optionally filtered.
    List(ListArgs),
    /// Change fields of a post; an empty value clears an optional field.
    Edit {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        #[command(flatten)]
        fields: EditFields,
    },
    /// Move a post to the trash.
    Delete {
        #[arg(allow_negative_numbers = true)]
        id: i64,
    },
    /// Bring a post back from the trash.
    Restore {
        #[arg(allow_negative_numbers = true)]
        id: i64,
    },
    /// List the posts in the trash.
    Trash,
}

#[derive(Args)]
pub struct AddArgs {
    /// Day the post went live (YYYY-MM-DD).
    #[arg(long, allow_hyphen_values = true)]
    date: String,
    #[arg(long, allow_hyphen_values = true)]
    brand: String,
    #[arg(long, allow_hyphen_values = true)]
    platform: String,
    #[arg(long, allow_hyphen_values = true)]
    format: String,
    /// What the brand paid (e.g. 1250, 1,250.00, $1,250, 1250 EUR).
    #[arg(long, allow_hyphen_values = true)]
    fee: String,
    /// Log it as part of this deal.
    #[arg(long, allow_negative_numbers = true, value_name = "ID")]
    deal: Option<i64>,
    #[command(flatten)]
    rest: OptionalFields,
}

/// The optional columns, shared by add and edit.
#[derive(Args, Default)]
pub struct OptionalFields {
    /// ISO 4217 code of the fee (default: the base currency).
    #[arg(long, allow_hyphen_values = true)]
    currency: Option<String>,
    /// Base-currency units for 1 unit of --currency on the deal date.
    #[arg(long = "fx-rate", allow_hyphen_values = true)]
    fx_rate: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    impressions: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    reach: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    views: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    likes: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    comments: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    shares: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    saves: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    clicks: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    campaign: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    url: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    notes: Option<String>,
}

#[derive(Args)]
pub struct EditFields {
    #[arg(long, allow_hyphen_values = true)]
    date: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    brand: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    platform: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    format: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    fee: Option<String>,
    #[command(flatten)]
    rest: OptionalFields,
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// `--from --to --platform --format --brand`, shared with `report`.
#[derive(Args, Default)]
pub struct FilterArgs {
    /// First day included (YYYY-MM-DD).
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last day included (YYYY-MM-DD).
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub platform: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub format: Option<String>,
    /// Brand name (case-insensitive).
    #[arg(long, allow_hyphen_values = true)]
    pub brand: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: PostsCommand) -> CliResult {
    let mut store = ctx.open()?;
    let base = store.profile()?.base_currency;
    match cmd {
        PostsCommand::Add(a) => {
            let form = PostForm {
                date: Some(a.date),
                brand: Some(a.brand),
                platform: Some(a.platform),
                format: Some(a.format),
                fee: Some(a.fee),
                ..a.rest.form()
            };
            let post = input::post(&form, None, &base, &*store.fx_rates()?).map_err(values::said)?;
            let saved = match a.deal {
                Some(deal) => store.add_post_to_deal(&post, deal)?,
                None => store.add_post(&post)?,
            };
            if ctx.json {
                out_json(&saved.record());
            } else {
                out(&format!("{}\n", saved.id));
            }
        }
        PostsCommand::List(l) => {
            let filter = l.filter.to_filter()?;
            let posts: Vec<Post> = store.posts()?.into_iter().filter(|p| filter.matches(p)).collect();
            print_posts(ctx, &posts, &base);
        }
        PostsCommand::Edit { id, fields } => {
            let (post, trashed) = store.get_post(id)?;
            if trashed {
                return Err(mille::store::StoreError::InTrash(id).into());
            }
            let form = PostForm {
                date: fields.date,
                brand: fields.brand,
                platform: fields.platform,
                format: fields.format,
                fee: fields.fee,
                ..fields.rest.form()
            };
            let data = input::post(&form, Some(&post.data), &base, &*store.fx_rates()?).map_err(values::said)?;
            let saved = store.update_post(id, &data)?;
            if ctx.json {
                out_json(&saved.record());
            } else {
                print_posts(ctx, &[saved], &base);
            }
        }
        PostsCommand::Delete { id } => {
            store.delete_post(id)?;
            if ctx.json {
                out_json(&serde_json::json!({ "deleted": id }));
            } else {
                out(&format!("moved post {id} to the trash (mille posts restore {id} brings it back)\n"));
            }
        }
        PostsCommand::Restore { id } => {
            let post = store.restore_post(id)?;
            if ctx.json {
                out_json(&post.record());
            } else {
                out(&format!("restored post {id}\n"));
            }
        }
        PostsCommand::Trash => {
            let posts = store.trash()?;
            print_posts(ctx, &posts, &base);
        }
    }
    Ok(())
}

impl OptionalFields {
    /// The optional fields as the input reader's form (flags not given are `None`).
    fn form(self) -> PostForm {
        PostForm {
            currency: self.currency,
            fx_rate: self.fx_rate,
            counts: [
                self.impressions,
                self.reach,
                self.views,
                self.likes,
                self.comments,
                self.shares,
                self.saves,
                self.clicks,
            ],
            campaign: self.campaign,
            url: self.url,
            notes: self.notes,
            ..PostForm::default()
        }
    }
}

fn print_posts(ctx: &Ctx, posts: &[Post], base: &str) {
    if ctx.json {
        let records: Vec<_> = posts.iter().map(|p| p.record()).collect();
        out_json(&records);
        return;
    }
    if posts.is_empty() {
        out("no posts\n");
        return;
    }
    let mut t = Table::new(&[
        ("id", Align::Right),
        ("date", Align::Left),
        ("brand", Align::Left),
        ("platform", Align::Left),
        ("format", Align::Left),
        ("fee", Align::Right),
        ("impressions", Align::Right),
        ("cpm", Align::Right),
    ]);
    for p in posts {
        let mut fee = money::display(p.fee_base(), base, 2);
        if p.currency != base {
            fee = format!("{} ({})", fee, money::display(p.fee, &p.currency, 2));
        }
        t.row(vec![
            p.id.to_string(),
            p.date.to_string(),
            clip(&p.brand, 28),
            p.platform.to_string(),
            p.format.to_string(),
            fee,
            p.metrics.impressions.map(|i| money::group_thousands(&i.to_string())).unwrap_or_else(|| "—".into()),
            p.cpm().map(|c| money::display(c, base, 2)).unwrap_or_else(|| "—".into()),
        ]);
    }
    out(&t.render());
}

impl FilterArgs {
    pub fn to_filter(&self) -> CliResult<mille::metrics::Filter> {
        Ok(mille::metrics::Filter {
            from: self.from.as_deref().map(|d| values::date(d, "--from")).transpose()?,
            to: self.to.as_deref().map(|d| values::date(d, "--to")).transpose()?,
            platform: self.platform.as_deref().map(|p| values::platform(p, "--platform")).transpose()?,
            format: self.format.as_deref().map(|f| values::format(f, "--format")).transpose()?,
            brand: self.brand.clone(),
        })
    }
}
