-- Full-text search ranks the newest matches (app/domain/discussions/search.server.ts) and finds
-- them day by day, newest day first: "posts with these words on these days" is answered inside
-- one GIN index over the search vector and the post's day (days since 2000-01-01, UTC, as an
-- int[] so the built-in array operator class can index it next to the tsvector). The same index
-- serves searches by words alone, so it replaces the plain index on the vector.
-- Prisma cannot express an index on an expression; the schema says where it is.

-- DropIndex
DROP INDEX "Post_searchVector_idx";

-- CreateIndex
CREATE INDEX "Post_searchVector_day_idx" ON "Post" USING GIN ("searchVector", (ARRAY[("createdAt"::date - DATE '2000-01-01')]));
