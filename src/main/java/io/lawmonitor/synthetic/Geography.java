package io.lawmonitor.synthetic;

import java.util.List;

/** The four cities of the source reports, with real districts, some streets, and agencies. */
public final class Geography {
  private Geography() {}

  public record District(String name, double weight, List<String> streets) {}

  public record City(String name, double weight, List<District> districts) {}

  public static final List<City> CITIES = List.of(
      new City("宜昌市", 0.36, List.of(
          new District("西陵区", 0.34, List.of("云集街道", "西陵街道", "学院街道", "葛洲坝街道")),
          new District("伍家岗区", 0.20, List.of("大公桥街道", "万寿桥街道", "宝塔河街道", "伍家乡")),
          new District("夷陵区", 0.18, List.of("小溪塔街道", "龙泉镇", "鸦鹊岭镇")),
          new District("点军区", 0.08, List.of("点军街道", "桥边镇")),
          new District("猇亭区", 0.06, List.of("古老背街道", "云池街道")),
          new District("宜都市", 0.14, List.of("陆城街道", "红花套镇")))),
      new City("巴中市", 0.20, List.of(
          new District("巴州区", 0.42, List.of("东城街道", "西城街道", "江北街道", "回风街道")),
          new District("恩阳区", 0.18, List.of("登科街道", "恩阳镇")),
          new District("通江县", 0.14, List.of("诺江镇", "沙溪镇")),
          new District("南江县", 0.13, List.of("南江镇", "东榆镇")),
          new District("平昌县", 0.13, List.of("江口镇", "白衣镇")))),
      new City("秦皇岛市", 0.26, List.of(
          new District("海港区", 0.44, List.of("文化路街道", "海滨路街道", "北环路街道", "建设大街街道")),
          new District("山海关区", 0.14, List.of("南关街道", "古城街道", "西关街道")),
          new District("北戴河区", 0.14, List.of("西山街道", "东山街道")),
          new District("抚宁区", 0.12, List.of("骊城街道", "南戴河街道")),
          new District("昌黎县", 0.16, List.of("昌黎镇", "团林乡")))),
      new City("泸州市", 0.18, List.of(
          new District("江阳区", 0.36, List.of("南城街道", "北城街道", "大山坪街道", "邻玉街道")),
          new District("龙马潭区", 0.30, List.of("小市街道", "高坝街道", "红星街道", "莲花池街道")),
          new District("纳溪区", 0.14, List.of("安富街道", "永宁街道")),
          new District("泸县", 0.10, List.of("玉蟾街道", "福集镇")),
          new District("合江县", 0.10, List.of("合江镇", "白沙镇")))));

  /** Agencies that handle hotline requests and enforce the law, by city. */
  public static final List<String> AGENCIES = List.of("市场监督管理局", "生态环境局", "住房和城乡建设局", "城市管理综合行政执法局",
      "交通运输局", "人力资源和社会保障局", "自然资源和规划局", "卫生健康委员会", "应急管理局", "文化和旅游局");

  public static final List<String> HOTLINE_CATEGORIES = List.of("物业管理", "噪音扰民", "拖欠工资", "供水供电", "道路交通",
      "环境污染", "食品安全", "消费维权", "房屋质量", "社会保障", "教育", "医疗卫生", "市容环卫", "违章建筑");

  public static final List<String> HOTLINE_CHANNELS = List.of("电话", "网站", "微信", "APP", "短信");

  public static final List<String> LAW_AREAS = List.of("市场监管", "生态环境", "城市管理", "交通运输", "劳动保障", "自然资源",
      "卫生健康", "安全生产", "文化旅游", "农业农村");

  public static final List<String> DISPUTE_TYPES = List.of("邻里纠纷", "婚姻家庭纠纷", "劳动争议", "物业纠纷", "损害赔偿纠纷",
      "土地承包纠纷", "医疗纠纷", "道路交通事故纠纷", "合同纠纷", "旅游纠纷");

  /** What administrative suits are about (被诉行政行为). */
  public static final List<String> SUIT_MATTERS = List.of("行政处罚", "行政许可", "行政强制", "征收补偿", "工伤认定", "政府信息公开",
      "行政协议", "不履行法定职责", "行政登记", "行政复议决定");

  public static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴");
}
