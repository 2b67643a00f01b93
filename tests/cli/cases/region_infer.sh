# Regions inferred from company names; --json for one.
# tolerance: exact
# checked: no numbers; the regions by hand against the administrative divisions (滨海新区 is a
#   district of 天津市; 唐山市 and 廊坊市 are in 河北省, 霸州市 a county-level city of 廊坊市;
#   中国中铁 is a national group; 华为 names no place).
xinzhi region infer 天津市滨海新区自然资源规划研究院有限公司 '美新半导体(天津)有限公司' 唐山红声网络科技有限公司 北京益华生物科技有限公司 中国中铁 华为
xinzhi region infer 霸州市黑坑上岸渔具有限公司 --json
