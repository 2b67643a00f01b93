xinzhi region infer 天津市滨海新区自然资源规划研究院有限公司 '美新半导体(天津)有限公司' 唐山红声网络科技有限公司 北京益华生物科技有限公司 中国中铁 华为
xinzhi region infer 霸州市黑坑上岸渔具有限公司 --json
