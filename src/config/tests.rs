use super::*;

#[test]
fn defaults_apply_without_any_source() {
    let c = Config::resolve(&Settings::default()).unwrap();
    assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
    assert_eq!(c.database_url.expose(), "sqlite://data/broadsheet.db");
    assert_eq!(c.base_url, "http://127.0.0.1:3000");
    assert!(c.demo_content);
    assert_eq!(c.feed_content, FeedContent::Full);
}

#[test]
fn sqlite_gets_a_few_readers_per_core_unless_told_otherwise() {
    let c = Config::resolve(&Settings::default()).unwrap();
    assert_eq!(c.db_max_connections, sqlite_default_readers());
    assert!((4..=16).contains(&c.db_max_connections));
    let pg = Settings {
        database_url: Some(DatabaseUrl::new("postgres://127.0.0.1/site")),
        ..Settings::default()
    };
    assert_eq!(Config::resolve(&pg).unwrap().db_max_connections, 16);
    let told = Settings {
        db_max_connections: Some(24),
        ..Settings::default()
    };
    assert_eq!(Config::resolve(&told).unwrap().db_max_connections, 24);
}

#[test]
fn feed_content_comes_from_the_file_or_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(&path, "feed_content = \"summary\"\n").unwrap();
    let mut flags = Settings {
        config: Some(path.clone()),
        ..Settings::default()
    };
    assert_eq!(
        Config::resolve(&flags).unwrap().feed_content,
        FeedContent::Summary
    );
    flags.feed_content = Some(FeedContent::Full);
    assert_eq!(
        Config::resolve(&flags).unwrap().feed_content,
        FeedContent::Full
    );
    std::fs::write(&path, "feed_content = \"excerpt\"\n").unwrap();
    flags.feed_content = None;
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("feed_content"), "{e}");
}

#[test]
fn flags_beat_the_file_and_the_file_beats_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(
        &path,
        "addr = \"127.0.0.1:4000\"\nsite_name = \"The Harbour Gazette\"\npage_size = 7\ndemo_content = false\n",
    )
    .unwrap();
    let flags = Settings {
        config: Some(path),
        addr: Some("127.0.0.1:5000".parse().unwrap()),
        ..Settings::default()
    };
    let c = Config::resolve(&flags).unwrap();
    assert_eq!(c.addr.to_string(), "127.0.0.1:5000");
    assert_eq!(c.site_name, "The Harbour Gazette");
    assert_eq!(c.page_size, 7);
    assert!(!c.demo_content);
}

#[test]
fn switches_given_as_flags_add_to_the_file_and_never_switch_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(
        &path,
        "webhooks_allow_private = true\ndemo_content = true\n",
    )
    .unwrap();
    let mut flags = Settings {
        config: Some(path.clone()),
        ..Settings::default()
    };
    let c = Config::resolve(&flags).unwrap();
    assert!(c.webhooks_allow_private && c.demo_content);
    flags.no_demo = true;
    flags.webhooks_allow_private = true;
    let c = Config::resolve(&flags).unwrap();
    assert!(c.webhooks_allow_private && !c.demo_content);
    // The old switch is refused whatever the file says of it.
    std::fs::write(&path, "trust_proxy = false\n").unwrap();
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("replaced by trusted_proxies"), "{e}");
}

#[test]
fn a_typo_in_the_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(&path, "adr = \"127.0.0.1:4000\"\n").unwrap();
    let flags = Settings {
        config: Some(path),
        ..Settings::default()
    };
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("unknown field `adr`"), "{e}");
}

#[test]
fn connection_limits_come_from_the_file_and_flags_and_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(
        &path,
        "header_timeout_secs = 4\nmax_header_bytes = 4096\nmax_concurrent_requests = 64\ndb_acquire_timeout_secs = 2\n",
    )
    .unwrap();
    let flags = Settings {
        config: Some(path.clone()),
        max_concurrent_requests: Some(8),
        ..Settings::default()
    };
    let c = Config::resolve(&flags).unwrap();
    assert_eq!(c.header_timeout, Duration::from_secs(4));
    assert_eq!(c.max_header_bytes, 4096);
    assert_eq!(c.max_concurrent_requests, 8);
    assert_eq!(c.db_acquire_timeout, Duration::from_secs(2));
    let d = Config::resolve(&Settings::default()).unwrap();
    assert_eq!(d.header_timeout, Duration::from_secs(10));
    assert_eq!(d.max_concurrent_requests, 512);
    assert_eq!(d.db_acquire_timeout, Duration::from_secs(5));
    for bad in [
        Settings {
            max_concurrent_requests: Some(0),
            ..Settings::default()
        },
        Settings {
            header_timeout_secs: Some(0),
            ..Settings::default()
        },
        Settings {
            max_header_bytes: Some(100),
            ..Settings::default()
        },
    ] {
        assert!(Config::resolve(&bad).is_err(), "{bad:?}");
    }
}

#[test]
fn media_settings_come_from_the_file_and_flags_and_secrets_never_print() {
    let d = Config::resolve(&Settings::default()).unwrap();
    assert_eq!(d.max_upload_bytes, 15 * 1024 * 1024);
    assert_eq!(d.media_storage, MediaStorage::Local);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(
        &path,
        "media_storage = \"s3\"\nmedia_s3_bucket = \"pictures\"\nmedia_s3_endpoint = \"http://127.0.0.1:9000/\"\nmedia_s3_access_key_id = \"AKIDEXAMPLE\"\nmedia_s3_secret_access_key = \"wJalrXUtnFEMI-very-secret\"\nmax_upload_bytes = 2048\n",
    )
    .unwrap();
    let flags = Settings {
        config: Some(path.clone()),
        media_s3_region: Some("eu-west-2".to_owned()),
        ..Settings::default()
    };
    let c = Config::resolve(&flags).unwrap();
    assert_eq!(c.max_upload_bytes, 2048);
    let MediaStorage::S3(s3) = &c.media_storage else {
        panic!("expected S3: {:?}", c.media_storage);
    };
    assert_eq!(s3.bucket, "pictures");
    assert_eq!(s3.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
    assert_eq!(s3.region, "eu-west-2");
    assert_eq!(
        s3.secret_access_key.as_ref().map(Secret::expose),
        Some("wJalrXUtnFEMI-very-secret")
    );
    assert!(!format!("{c:?}").contains("very-secret"));
    std::fs::write(&path, "media_storage = \"s3\"\n").unwrap();
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("media_s3_bucket"), "{e}");
    std::fs::write(
        &path,
        "media_storage = \"s3\"\nmedia_s3_bucket = \"b\"\nmedia_s3_access_key_id = \"AKID\"\n",
    )
    .unwrap();
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("or neither"), "{e}");
}

#[test]
fn single_sign_on_needs_a_client_and_its_secret_never_prints() {
    assert_eq!(Config::resolve(&Settings::default()).unwrap().oidc, None);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(
        &path,
        "oidc_issuer = \"https://id.example.org/realms/news\"\noidc_client_id = \"broadsheet\"\noidc_client_secret = \"oidc-very-secret\"\n",
    )
    .unwrap();
    let mut flags = Settings {
        config: Some(path.clone()),
        oidc_label: Some("Newsroom".to_owned()),
        ..Settings::default()
    };
    let c = Config::resolve(&flags).unwrap();
    let o = c.oidc.as_ref().expect("configured");
    assert_eq!(o.issuer, "https://id.example.org/realms/news");
    assert_eq!(o.client_id, "broadsheet");
    assert_eq!(o.client_secret.expose(), "oidc-very-secret");
    assert_eq!(o.label, "Newsroom");
    assert!(!format!("{c:?}").contains("very-secret"));
    flags.oidc_label = None;
    assert_eq!(
        Config::resolve(&flags).unwrap().oidc.unwrap().label,
        "your newsroom account"
    );
    std::fs::write(
        &path,
        "oidc_issuer = \"https://id.example.org\"\noidc_client_id = \"b\"\n",
    )
    .unwrap();
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("oidc_client_secret"), "{e}");
    std::fs::write(&path, "oidc_issuer = \"id.example.org\"\n").unwrap();
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("must start with https://"), "{e}");
}

#[test]
fn proxies_live_streams_webhooks_and_metrics_settings_are_read_and_checked() {
    let d = Config::resolve(&Settings::default()).unwrap();
    assert!(d.trusted_proxies.is_empty());
    assert_eq!(d.proxy_header, ProxyHeader::XForwardedFor);
    assert_eq!(
        (d.max_live_streams, d.max_live_streams_per_address),
        (2000, 20)
    );
    assert!(!d.webhooks_allow_private);
    assert!(d.metrics_token.is_none());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(
        &path,
        "trusted_proxies = [\"10.0.0.0/8\", \"127.0.0.1\"]\nproxy_header = \"forwarded\"\n\
         max_live_streams = 50\nwebhooks_allow_private = true\n\
         metrics_token = \"scrape-me-please-0123\"\n",
    )
    .unwrap();
    let mut flags = Settings {
        config: Some(path.clone()),
        max_live_streams_per_address: Some(3),
        ..Settings::default()
    };
    let c = Config::resolve(&flags).unwrap();
    assert!(c.trusted_proxies.contains("10.2.3.4".parse().unwrap()));
    assert!(c.trusted_proxies.contains("127.0.0.1".parse().unwrap()));
    assert_eq!(c.proxy_header, ProxyHeader::Forwarded);
    assert_eq!(
        (c.max_live_streams, c.max_live_streams_per_address),
        (50, 3)
    );
    assert!(c.webhooks_allow_private);
    assert_eq!(
        c.metrics_token.as_ref().map(Secret::expose),
        Some("scrape-me-please-0123")
    );
    assert!(!format!("{c:?}").contains("scrape-me"));
    // A flag's list replaces the file's.
    flags.trusted_proxies = Some(vec!["192.0.2.0/24".to_owned()]);
    let c = Config::resolve(&flags).unwrap();
    assert!(!c.trusted_proxies.contains("10.2.3.4".parse().unwrap()));
    flags.trusted_proxies = Some(vec!["10.0.0.0/40".to_owned()]);
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(
        e.contains("trusted_proxies: `10.0.0.0/40` is not a network"),
        "{e}"
    );
    flags.trusted_proxies = None;
    flags.max_live_streams_per_address = Some(0);
    assert!(Config::resolve(&flags).is_err());
    flags.max_live_streams_per_address = None;
    flags.metrics_token = Some(Secret::new("short"));
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("metrics_token must be at least 16"), "{e}");
    // On the command line, one comma-separated list.
    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        flags: Settings,
    }
    let cli = <Cli as clap::Parser>::try_parse_from([
        "broadsheet",
        "--trusted-proxies",
        "127.0.0.1/32,10.0.0.0/8",
        "--proxy-header",
        "x-forwarded-for",
    ])
    .unwrap();
    let c = Config::resolve(&cli.flags).unwrap();
    assert_eq!(c.trusted_proxies.networks().len(), 2);
    assert_eq!(c.proxy_header, ProxyHeader::XForwardedFor);
    // The old switch is refused with the setting that replaces it.
    for old in [
        Settings {
            trust_proxy: true,
            ..Settings::default()
        },
        Settings {
            config: Some(path.clone()),
            ..Settings::default()
        },
    ] {
        if old.config.is_some() {
            std::fs::write(&path, "trust_proxy = true\n").unwrap();
        }
        let e = Config::resolve(&old).unwrap_err().to_string();
        assert!(e.contains("replaced by trusted_proxies"), "{e}");
        assert!(e.contains("--trusted-proxies 127.0.0.1/32"), "{e}");
    }
}

#[test]
fn database_passwords_never_print() {
    let url = DatabaseUrl::new("postgres://app:s3cret@db.example:5432/news");
    assert_eq!(url.to_string(), "postgres://app:***@db.example:5432/news");
    assert!(!format!("{url:?}").contains("s3cret"));
    let c = Config {
        database_url: url,
        ..Config::default()
    };
    assert!(!format!("{c:?}").contains("s3cret"));
}

#[test]
fn the_mail_relay_must_say_how_mail_is_protected() {
    let relay = |url: &str, ca: Option<&str>| Settings {
        smtp_url: Some(DatabaseUrl::new(url)),
        smtp_ca_file: ca.map(PathBuf::from),
        ..Settings::default()
    };
    for fine in [
        "smtps://news:secret@mail.example.org",
        "smtp://mail.example.org:587?tls=starttls",
        "smtp://10.0.0.5?tls=none",
        "smtp://127.0.0.1:2525",
    ] {
        assert!(Config::resolve(&relay(fine, None)).is_ok(), "{fine}");
    }
    let c = Config::resolve(&relay("smtps://mail.example.org", Some("/etc/ca.pem"))).unwrap();
    assert_eq!(c.smtp_ca_file, Some(PathBuf::from("/etc/ca.pem")));
    let e = Config::resolve(&relay("smtp://user:secret@mail.example.org", None))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("smtp_url: ") && e.contains("unencrypted"),
        "{e}"
    );
    assert!(!e.contains("secret"), "{e}");
    let e = Config::resolve(&relay("smtp://localhost", Some("/etc/ca.pem")))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("smtp_ca_file is for a relay reached over TLS"),
        "{e}"
    );
    let no_relay = Settings {
        smtp_ca_file: Some(PathBuf::from("/etc/ca.pem")),
        ..Settings::default()
    };
    assert!(Config::resolve(&no_relay).is_err());
}

#[test]
fn view_counting_is_on_unless_a_flag_or_the_file_turns_it_off() {
    assert!(Config::default().count_views);
    let off = Settings {
        no_view_counting: true,
        ..Settings::default()
    };
    assert!(!Config::resolve(&off).unwrap().count_views);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(&path, "no_view_counting = true\n").unwrap();
    let from_file = Settings {
        config: Some(path),
        ..Settings::default()
    };
    assert!(!Config::resolve(&from_file).unwrap().count_views);
}

#[test]
fn purge_urls_are_repeatable_and_only_http() {
    assert!(
        Config::resolve(&Settings::default())
            .unwrap()
            .purge_urls
            .is_empty()
    );
    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        flags: Settings,
    }
    // Repeated on the command line; comma-separated in the environment's one value.
    let cli = <Cli as clap::Parser>::try_parse_from([
        "broadsheet",
        "--purge-url",
        "http://127.0.0.1:6081/",
        "--purge-url",
        "post+https://purge:s3cret@api.cdn.example/purge,http://10.0.0.2:6081/",
    ])
    .unwrap();
    let c = Config::resolve(&cli.flags).unwrap();
    let shapes: Vec<(PurgeShape, &str)> = c
        .purge_urls
        .iter()
        .map(|u| (u.shape, u.url.as_str()))
        .collect();
    assert_eq!(
        shapes,
        [
            (PurgeShape::Xkey, "http://127.0.0.1:6081/"),
            (
                PurgeShape::Json,
                "https://purge:s3cret@api.cdn.example/purge"
            ),
            (PurgeShape::Xkey, "http://10.0.0.2:6081/"),
        ]
    );
    assert!(
        !format!("{c:?}").contains("s3cret"),
        "a credential is never printed"
    );
    // A list in the file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(
        &path,
        "purge_url = [\"http://varnish-a/\", \"http://varnish-b/\"]\n",
    )
    .unwrap();
    let file = Settings {
        config: Some(path),
        ..Settings::default()
    };
    assert_eq!(Config::resolve(&file).unwrap().purge_urls.len(), 2);
    // Anything but http(s) is refused, naming the setting.
    for bad in [
        "ftp://cache/",
        "file:///tmp/x",
        "post+ftp://cache/",
        "127.0.0.1:6081",
        "http://",
    ] {
        let flags = Settings {
            purge_url: Some(vec![bad.to_owned()]),
            ..Settings::default()
        };
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("purge_url"), "{bad}: {e}");
    }
}

#[test]
fn the_time_zone_is_an_iana_name_checked_at_start_up() {
    assert_eq!(Config::default().time_zone.name(), "UTC");
    let berlin = Settings {
        time_zone: Some("Europe/Berlin".into()),
        ..Settings::default()
    };
    assert_eq!(
        Config::resolve(&berlin).unwrap().time_zone.name(),
        "Europe/Berlin"
    );
    let wrong = Settings {
        time_zone: Some("Berlin".into()),
        ..Settings::default()
    };
    let e = Config::resolve(&wrong).unwrap_err().to_string();
    assert!(
        e.starts_with("time_zone: `Berlin` is not a time zone"),
        "{e}"
    );
}

#[test]
fn the_site_language_is_a_shipped_locale() {
    use crate::domain::locale::Locale;
    assert_eq!(Config::default().locale, Locale::En);
    assert!(!Config::default().negotiate_language);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.toml");
    std::fs::write(&path, "locale = \"pt-BR\"\nnegotiate_language = true\n").unwrap();
    let mut flags = Settings {
        config: Some(path.clone()),
        ..Settings::default()
    };
    let config = Config::resolve(&flags).unwrap();
    assert_eq!(config.locale, Locale::PtBr);
    assert!(config.negotiate_language);
    flags.locale = Some("ar".to_owned());
    assert_eq!(Config::resolve(&flags).unwrap().locale, Locale::Ar);
    flags.locale = Some("tlh".to_owned());
    let e = Config::resolve(&flags).unwrap_err().to_string();
    assert!(e.contains("locale") && e.contains("pt-BR"), "{e}");
}
