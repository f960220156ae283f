-- wrk script: region admins saving SPD answers with a small PDF as evidence
-- (multipart, as the entry page's forms send them). Reads "sid csrf region"
-- lines from the file in env IID_CLIENTS; every request picks the next client.
local clients = {}
for line in io.lines(os.getenv("IID_CLIENTS")) do
  local sid, csrf, region = line:match("(%S+) (%S+) (%S+)")
  clients[#clients + 1] = { sid = sid, csrf = csrf, region = region }
end
local numbers = { "1", "2a", "2b", "3", "4", "5a", "5b", "6", "7", "8", "9", "10a", "10b", "11a", "11b", "12", "13a", "13b", "14", "15" }
local pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n" .. string.rep("% bukti dukung\n", 120) .. "trailer\n<<>>\n%%EOF\n"
local boundary = "----iidbenchboundary"
local n = 0

local function field(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end

function init(args)
  n = math.random(1, #clients)
end

function request()
  n = n % #clients + 1
  local c = clients[n]
  local number = numbers[math.random(1, #numbers)]
  local body = field("_csrf", c.csrf) .. field("daerah", c.region) .. field("inovasi", "0") .. field("nomor", number) ..
      field("param", tostring(math.random(1, 3))) ..
      "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"bukti\"; filename=\"bukti.pdf\"\r\n" ..
      "Content-Type: application/pdf\r\n\r\n" .. pdf .. "\r\n--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/iid/2023/pengisian/jawaban", {
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
    ["Cookie"] = "sid=" .. c.sid,
  }, body)
end
