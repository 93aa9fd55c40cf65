-- wrk script: rotating Arabic search queries against /api/search.
local queries = {"رئيس", "الملك سلمان", "وزير الخارجية", "السعودية", "اليمن", "كتب",
  "مجلس الوزراء", "النفط", "\"ولي العهد\"", "الرياض", "الحوثيين", "التعليم"}
local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?limit=20&q=" .. enc(queries[(i % #queries) + 1]))
end
