//! `inferno export-static`.

use crate::config::Settings;
use anyhow::Context;
use clap::Args;
use inferno_storage::Store;
use inferno_web::App;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The folder to write the mirror into (made if missing; must be empty)
    pub out: PathBuf,
    /// Rewrite the links relative to each file, to browse the copy from a folder or a USB stick
    #[arg(long)]
    pub relative: bool,
    /// The address of the live site, for canonical links, citations and the links to its forms [default: http://LISTEN]
    #[arg(long, env = "INFERNO_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
}

pub async fn run(settings: &Settings, args: ExportArgs) -> anyhow::Result<std::process::ExitCode> {
    let store = crate::open_store(settings).await?;
    // Asked for once each, pages are neither compressed nor kept.
    let config = {
        let mut config = settings.web_config(&settings.listen.to_string());
        config.site.keep_pages = false;
        config
    };
    let store: Arc<dyn Store> = store;
    let app = App::new(store, config).await.context("cannot load the published records")?;
    let report = inferno_site::mirror::export(app.site.clone(), &args.out, args.relative)
        .await
        .with_context(|| format!("cannot write the mirror into {}", args.out.display()))?;
    println!(
        "Wrote {} files ({:.1} MiB) into {}{}.",
        report.files,
        report.bytes as f64 / (1024.0 * 1024.0),
        args.out.display(),
        if args.relative { ", with links relative to each file" } else { "" }
    );
    Ok(std::process::ExitCode::SUCCESS)
}
