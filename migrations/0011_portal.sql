-- The reading portal (issue 11): news and guides curators write in Markdown,
-- their PDF attachments, and the items a curator features on the home page.
-- Portable as 0001: BIGINT ids from next_id(), BIGINT unix seconds, TEXT.

-- An article: kind berita (news) or panduan (guide); body_md is the Markdown
-- source (rendered and sanitised when shown); tags comma-separated;
-- published_at 0 = draft, in the future = scheduled.
CREATE TABLE articles (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, slug TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, body_md TEXT NOT NULL, category TEXT NOT NULL, tags TEXT NOT NULL, published_at BIGINT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_by BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE UNIQUE INDEX articles_slug ON articles (slug);
CREATE INDEX articles_kind_published ON articles (kind, published_at);

-- Files of an article (PDF guides); bytes in <data>/files/<stored_name>.
CREATE TABLE article_attachments (id BIGINT PRIMARY KEY, article_id BIGINT NOT NULL REFERENCES articles (id), media_type TEXT NOT NULL, stored_name TEXT NOT NULL, original_name TEXT NOT NULL, size_bytes BIGINT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, deleted_at BIGINT NOT NULL);
CREATE INDEX article_attachments_article ON article_attachments (article_id, deleted_at);

-- Items a curator features on the home page (kind inovasi|berita|panduan,
-- ref_id the innovation or article), shown by position.
CREATE TABLE featured_items (kind TEXT NOT NULL, ref_id BIGINT NOT NULL, position INTEGER NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (kind, ref_id));
