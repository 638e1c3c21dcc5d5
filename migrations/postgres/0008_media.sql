-- Uploaded images. One row per distinct upload, known by the hash of the uploaded bytes: the
-- same file uploaded again finds this row instead of making another. The stored files are
-- `{hash}-{width}.{ext}` for each width in `widths` (space-separated, ascending); the original
-- itself is never kept, so no EXIF or GPS data survives. width and height are the original's,
-- after its EXIF orientation was applied. uploaded_by goes NULL when the account is deleted:
-- articles may still show the image.
CREATE TABLE media (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('jpeg', 'png', 'webp')),
    width       BIGINT NOT NULL CHECK (width > 0),
    height      BIGINT NOT NULL CHECK (height > 0),
    widths      TEXT NOT NULL,
    byte_size   BIGINT NOT NULL,
    alt         TEXT NOT NULL,
    caption     TEXT,
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_recent ON media (created_at, id);
