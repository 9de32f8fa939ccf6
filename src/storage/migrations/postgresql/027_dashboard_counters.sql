-- Issue 15: dashboards at national scale read counters and pages, never a whole subtree.

-- The diacritic-free key of a unit's name and code ("truong th an hung hp-anhung-th1"), written
-- by the store with the domain's search_key (domain/text.h) and searched with LIKE. The existing
-- rows get it here in SQL: the same table of Latin letters and their bases, combining marks
-- removed, ASCII lowered.
ALTER TABLE units ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
UPDATE units SET search_key = translate(
  regexp_replace(name || ' ' || code, '[\u0300-\u036F]', '', 'g'),
    'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ'
    || 'ćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏ'
    || 'ŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙ'
    || 'ǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭ'
    || 'ȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵ'
    || 'ḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱ'
    || 'ṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳ'
    || 'ẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữ'
    || 'ỰựỲỳỴỵỶỷỸỹABCDEFGHIJKLMNOPQRSTUVWXYZ',
    'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaac'
    || 'cccccccddddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooo'
    || 'oorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuu'
    || 'uuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeoooo'
    || 'ooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkk'
    || 'llllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrsssssssssstttttttt'
    || 'uuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaa'
    || 'aaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuu'
    || 'uuyyyyyyyyabcdefghijklmnopqrstuvwxyz');

-- Units listed a page at a time by state (the dashboard's filters): one index range each.
CREATE INDEX reports_status_path ON reports(campaign_id, status, path);
CREATE INDEX reports_late_path ON reports(campaign_id, late, counted, path);
-- A search reads this index alone over the node's subtree, then the reports of the matches.
CREATE INDEX units_path_search ON units(path, search_key);

-- Campaigns whose aggregates must be recomputed because a new version of LLW changed what a
-- report contributes (here: the "kinds." and "statuses." counters of the dashboard). Every
-- command that opens the database recounts them first (Application::recount_pending).
CREATE TABLE pending_recounts (
  campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE
);
INSERT INTO pending_recounts (campaign_id) SELECT id FROM campaigns;
