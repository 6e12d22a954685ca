// China's first-level divisions as GeoNames codes them (admin1 codes of country CN, from GeoNames'
// admin1CodesASCII.txt, CC BY 4.0), with their simplified Chinese names. cities500 carries only the
// code, so this table turns 山东 into Shandong for search and admin1 "25" into a name for display.
export interface Province {
  admin1: string;
  name: string;
  nameZh: string;
}

export const CHINA_PROVINCES: readonly Province[] = [
  { admin1: '01', name: 'Anhui', nameZh: '安徽' },
  { admin1: '02', name: 'Zhejiang', nameZh: '浙江' },
  { admin1: '03', name: 'Jiangxi', nameZh: '江西' },
  { admin1: '04', name: 'Jiangsu', nameZh: '江苏' },
  { admin1: '05', name: 'Jilin', nameZh: '吉林' },
  { admin1: '06', name: 'Qinghai', nameZh: '青海' },
  { admin1: '07', name: 'Fujian', nameZh: '福建' },
  { admin1: '08', name: 'Heilongjiang', nameZh: '黑龙江' },
  { admin1: '09', name: 'Henan', nameZh: '河南' },
  { admin1: '10', name: 'Hebei', nameZh: '河北' },
  { admin1: '11', name: 'Hunan', nameZh: '湖南' },
  { admin1: '12', name: 'Hubei', nameZh: '湖北' },
  { admin1: '13', name: 'Xinjiang', nameZh: '新疆' },
  { admin1: '14', name: 'Tibet', nameZh: '西藏' },
  { admin1: '15', name: 'Gansu', nameZh: '甘肃' },
  { admin1: '16', name: 'Guangxi', nameZh: '广西' },
  { admin1: '18', name: 'Guizhou', nameZh: '贵州' },
  { admin1: '19', name: 'Liaoning', nameZh: '辽宁' },
  { admin1: '20', name: 'Inner Mongolia', nameZh: '内蒙古' },
  { admin1: '21', name: 'Ningxia', nameZh: '宁夏' },
  { admin1: '22', name: 'Beijing', nameZh: '北京' },
  { admin1: '23', name: 'Shanghai', nameZh: '上海' },
  { admin1: '24', name: 'Shanxi', nameZh: '山西' },
  { admin1: '25', name: 'Shandong', nameZh: '山东' },
  { admin1: '26', name: 'Shaanxi', nameZh: '陕西' },
  { admin1: '28', name: 'Tianjin', nameZh: '天津' },
  { admin1: '29', name: 'Yunnan', nameZh: '云南' },
  { admin1: '30', name: 'Guangdong', nameZh: '广东' },
  { admin1: '31', name: 'Hainan', nameZh: '海南' },
  { admin1: '32', name: 'Sichuan', nameZh: '四川' },
  { admin1: '33', name: 'Chongqing', nameZh: '重庆' },
];
