//! Image files in an S3-compatible bucket, through the `object_store` crate: what several
//! server processes on different machines share.

use async_trait::async_trait;
use bytes::Bytes;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{Attribute, Attributes, ObjectStore, PutOptions, PutPayload};

use super::{MediaStore, StorageError, check_key};
use crate::config::S3Settings;
use crate::domain::media::VariantName;

pub struct S3Store {
    inner: AmazonS3,
    described: String,
}

impl S3Store {
    /// A client for the bucket. Settings not given (credentials, region) come from the usual
    /// `AWS_*` environment variables, as every S3 tool reads them.
    pub fn new(s: &S3Settings) -> Result<S3Store, StorageError> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&s.bucket)
            .with_region(&s.region);
        if let Some(endpoint) = &s.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let (Some(id), Some(secret)) = (&s.access_key_id, &s.secret_access_key) {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret.expose());
        }
        Ok(S3Store {
            inner: builder.build()?,
            described: format!(
                "S3 bucket {} at {}",
                s.bucket,
                s.endpoint.as_deref().unwrap_or("Amazon S3")
            ),
        })
    }
}

fn not_found(e: &object_store::Error) -> bool {
    matches!(e, object_store::Error::NotFound { .. })
}

#[async_trait]
impl MediaStore for S3Store {
    /// One PUT: S3 stores an object whole or not at all.
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StorageError> {
        check_key(key)?;
        let mut attributes = Attributes::new();
        if let Some(v) = VariantName::parse(key) {
            // So the bucket can also be served directly (through a CDN) with the right type.
            attributes.insert(Attribute::ContentType, v.kind.mime().into());
        }
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.inner
            .put_opts(&Path::from(key), PutPayload::from_bytes(bytes), options)
            .await?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Bytes>, StorageError> {
        check_key(key)?;
        match self.inner.get(&Path::from(key)).await {
            Ok(found) => Ok(Some(found.bytes().await?)),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn exists(&self, key: &str) -> Result<bool, StorageError> {
        check_key(key)?;
        match self.inner.head(&Path::from(key)).await {
            Ok(_) => Ok(true),
            Err(e) if not_found(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), StorageError> {
        check_key(key)?;
        match self.inner.delete(&Path::from(key)).await {
            Err(e) if !not_found(&e) => Err(e.into()),
            _ => Ok(()),
        }
    }

    fn describe(&self) -> String {
        self.described.clone()
    }
}
