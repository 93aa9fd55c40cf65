-- wrk script: the events API with rotating filters (actor, CAMEO code,
-- dates, place), 100 rows a page.
local paths = {
  "/api/events?limit=100",
  "/api/events?limit=100&code=19",
  "/api/events?limit=100&actor=SAU",
  "/api/events?limit=100&since=2015-08-01&until=2015-08-31",
  "/api/events?limit=100&place=YEM",
  "/api/events?limit=100&actor=%D8%A7%D9%84%D8%AD%D9%88%D8%AB%D9%8A%D9%8A%D9%86",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
