-- placeholder (replaced by the real migration at merge)
SELECT 1;
