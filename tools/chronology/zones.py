# Zones: pieces of land that changed hands together, each a recipe expression (docs/overlay-recipes.md).
# Each is a base layer cut by a hand-drawn polygon that follows a range, river or desert edge,
# minus the zones before it, so neighbours share one edge and a country is the union of its zones.
def ref(x): return {"ref": x}
def poly(p): return {"polygon": p}
def uni(*a): return {"union": list(a)}
def inter(*a): return {"intersection": list(a)}
def diff(a, *b): return {"difference": [a] + list(b)}
C = lambda c: ref("countries/" + c)
P = lambda p: ref("provinces/CN." + p)

P_BADAK = poly([[69.85,38.6],[71.7,38.6],[75.2,37.6],[75.2,36.4],[71.5,35.9],[70.7,35.7],[70.2,36.2],[69.85,37.0],[69.85,38.6]])
P_WAKHAN_E = poly([[73.3,36.0],[76.0,36.0],[76.0,38.0],[73.3,38.0],[73.3,36.0]])
P_BALKH = poly([[62.0,38.5],[70.0,38.5],[70.0,35.9],[69.3,35.5],[68.3,35.1],[67.3,35.3],[66.0,35.6],[64.5,35.5],[63.3,35.3],[62.0,35.4],[62.0,38.5]])
P_HERAT = poly([[60.0,36.5],[62.0,35.4],[63.3,35.3],[64.5,35.5],[64.8,34.2],[63.5,33.3],[60.0,33.3],[60.0,36.5]])
P_KAND = poly([[60.0,33.3],[63.5,33.3],[64.8,34.2],[66.5,34.0],[67.6,33.1],[68.4,32.0],[69.5,31.2],[70.5,29.0],[60.0,29.0],[60.0,33.3]])
P_NMTN = poly([[71.0,37.2],[77.8,37.2],[77.8,34.9],[75.5,34.9],[74.0,35.2],[73.0,35.3],[72.0,35.5],[71.2,35.2],[71.0,35.3],[71.0,37.2]])
P_KASH = poly([[73.2,35.0],[74.0,35.2],[75.5,34.9],[75.9,34.0],[76.0,33.2],[75.8,32.3],[74.6,32.5],[73.6,32.9],[73.2,33.6],[73.2,35.0]])
P_LADAKH = poly([[75.5,34.9],[77.8,35.9],[80.5,35.9],[79.5,32.5],[78.5,32.3],[77.3,32.3],[76.0,33.2],[75.9,34.0],[75.5,34.9]])
P_PESH = poly([[69.0,36.2],[73.3,36.2],[73.3,34.6],[72.25,33.9],[71.55,32.95],[70.95,31.0],[69.0,31.0],[69.0,36.2]])
P_BAL = poly([[60.0,31.6],[69.6,31.6],[70.0,30.5],[69.3,29.5],[68.2,28.8],[67.6,27.5],[67.6,25.3],[66.7,24.5],[60.0,24.0],[60.0,31.6]])
P_SINDH = poly([[66.5,23.0],[66.7,24.5],[67.6,25.3],[67.6,27.5],[68.2,28.8],[69.5,28.8],[71.6,28.0],[71.6,23.0],[66.5,23.0]])
P_PUNJ_IN = poly([[73.8,30.3],[74.6,30.95],[76.5,31.0],[76.8,31.6],[76.3,32.3],[75.8,32.3],[74.6,32.5],[73.8,32.5],[73.8,30.3]])
P_INDIA_N = poly([[68.0,23.5],[84.5,23.5],[88.8,26.0],[88.8,33.5],[68.0,33.5],[68.0,23.5]])
P_KHOR = poly([[55.5,38.3],[61.5,38.3],[61.9,34.0],[61.9,30.6],[60.0,30.0],[58.5,31.0],[57.0,32.5],[55.5,34.5],[55.5,38.3]])
P_BAL_IR = poly([[57.5,24.0],[63.5,24.0],[63.5,30.3],[61.9,30.6],[60.0,30.0],[58.8,28.8],[57.5,27.2],[57.5,24.0]])
P_KHWA = poly([[55.0,46.0],[62.0,46.0],[62.0,41.5],[61.2,40.9],[59.5,40.9],[58.0,41.2],[55.0,41.3],[55.0,46.0]])
P_FERG = poly([[69.3,40.0],[70.35,41.25],[72.0,41.4],[73.4,40.9],[73.2,40.3],[72.0,39.9],[70.5,39.85],[69.3,40.0]])
P_TASH = poly([[67.5,41.2],[67.5,43.8],[70.6,43.8],[71.5,42.7],[71.0,42.0],[70.35,41.25],[69.3,40.0],[68.2,40.2],[67.5,41.2]])
P_PAMIR_E = poly([[72.6,39.45],[75.5,39.45],[75.5,36.9],[72.6,36.9],[72.6,39.45]])
P_SHUGH = poly([[70.3,38.0],[71.2,38.9],[72.6,39.45],[72.6,36.9],[71.3,36.9],[70.8,37.4],[70.3,38.0]])
P_SEMI = poly([[70.6,43.8],[73.5,45.3],[74.5,46.6],[80.0,46.6],[87.5,49.5],[88.0,49.5],[88.0,42.0],[71.5,42.0],[71.5,42.7],[70.6,43.8]])
P_UYGH = poly([[87.3,43.2],[89.0,43.7],[91.0,44.0],[93.0,44.2],[96.5,43.5],[96.5,39.0],[88.5,38.6],[86.8,41.0],[86.5,42.5],[87.3,43.2]])
P_NORTH = poly([[73.3,39.0],[75.0,40.6],[78.0,41.7],[80.5,42.2],[84.0,42.4],[87.0,42.3],[88.3,43.0],[89.0,43.35],[91.5,43.1],[96.5,42.5],[96.5,50.0],[73.0,50.0],[73.0,39.0],[73.3,39.0]])
P_ILI = poly([[79.5,41.5],[79.5,45.5],[82.5,45.3],[84.0,44.3],[85.2,43.7],[85.2,41.5],[79.5,41.5]])
P_THREE = poly([[79.0,41.5],[79.0,50.0],[91.5,50.0],[91.5,45.6],[86.5,45.0],[85.2,43.7],[85.2,41.5],[79.0,41.5]])
P_WTIB = poly([[75.0,37.0],[85.0,37.0],[85.0,27.0],[75.0,27.0],[75.0,37.0]])
P_GANSU_W = poly([[92.0,36.0],[98.5,36.0],[98.5,43.0],[92.0,43.0],[92.0,36.0]])
P_NE = poly([[118.8,38.6],[121.0,38.3],[126.0,39.4],[131.5,42.3],[135.5,47.5],[135.5,54.0],[119.0,54.0],[118.8,38.6]])

AF, PK, IN, IR, XJ = C("AF"), C("PK"), C("IN"), C("IR"), P("XJ")
WAKHAN_E = inter(ref("wakhan/wakhan"), P_WAKHAN_E)
CHINA_N = uni(P("SN"), P("HA"), P("SX"), P("HE"), P("BJ"), P("TJ"), P("SD"))

ZONES = {
 # Afghanistan, north to south
 "BADAK": ("Badakhshan and the Wakhan", diff(inter(AF, P_BADAK), WAKHAN_E)),
 "WAKHAN_E": ("the Little and Great Pamir in the upper Wakhan", WAKHAN_E),
 "BALKH": ("Balkh and the lands north of the Hindu Kush", diff(inter(AF, P_BALKH), P_BADAK)),
 "HERAT": ("Herat and the Hari Rud", diff(inter(AF, P_HERAT), P_BALKH, P_BADAK)),
 "KAND": ("Kandahar, the Helmand and Farah", diff(inter(AF, P_KAND), P_HERAT, P_BALKH)),
 "KABUL": ("Kabul, Ghazni, Bamiyan and Jalalabad", diff(AF, P_BADAK, P_BALKH, P_HERAT, P_KAND)),
 # Pakistan and northern India
 "NMTN": ("Chitral, Gilgit, Hunza and Baltistan", inter(PK, P_NMTN)),
 "KASH": ("Kashmir and Jammu", diff(inter(uni(PK, IN), P_KASH), P_NMTN)),
 "LADAKH": ("Ladakh", diff(inter(IN, P_LADAKH), P_KASH)),
 "PESH": ("Peshawar, Swat and the hills west of the Indus", diff(inter(PK, P_PESH), P_NMTN, P_KASH)),
 "BAL_PK": ("eastern Baluchistan", diff(inter(PK, P_BAL), P_PESH)),
 "SINDH": ("Sindh", diff(inter(PK, P_SINDH), P_BAL)),
 "PUNJ": ("the Punjab", uni(diff(PK, P_NMTN, P_KASH, P_PESH, P_BAL, P_SINDH), diff(inter(IN, P_PUNJ_IN), P_KASH))),
 "INDIA_N": ("Hindustan (the Ganges plain)", diff(inter(IN, P_INDIA_N), P_KASH, P_LADAKH, P_PUNJ_IN)),
 "NEPAL": ("Nepal", C("NP")),
 # Iran
 "KHOR": ("Khorasan and Sistan", inter(IR, P_KHOR)),
 "BAL_IR": ("western Baluchistan and Makran", diff(inter(IR, P_BAL_IR), P_KHOR)),
 "IRAN": ("western and central Iran", diff(IR, P_KHOR, P_BAL_IR)),
 # Central Asia
 "KHWA": ("Khwarazm and the lower Amu Darya", inter(uni(C("UZ"), C("TM"), C("KZ")), P_KHWA)),
 "FERG": ("the Ferghana valley", inter(uni(C("UZ"), C("KG"), C("TJ")), P_FERG)),
 "TASH": ("Tashkent and the middle Syr Darya", diff(inter(uni(C("UZ"), C("KZ"), C("TJ"), C("KG")), P_TASH), P_FERG, P_KHWA)),
 "PAMIR_E": ("the eastern Pamirs", inter(C("TJ"), P_PAMIR_E)),
 "SHUGH": ("Darvaz, Roshan and Shughnan on the right bank of the Panj", diff(inter(C("TJ"), P_SHUGH), P_PAMIR_E)),
 "KYRG": ("the Tian Shan of the Kyrgyz", diff(C("KG"), P_FERG, P_TASH)),
 "SEMI": ("Semirechye", diff(inter(C("KZ"), P_SEMI), P_TASH, P_KHWA)),
 "KAZ": ("the Kazakh steppe", diff(C("KZ"), P_SEMI, P_TASH, P_KHWA)),
 "TURKM": ("Merv and the Karakum", diff(C("TM"), P_KHWA)),
 "TRANS": ("Transoxiana (Samarkand, Bukhara, Hissar)", diff(uni(C("UZ"), C("TJ")), P_KHWA, P_FERG, P_TASH, P_SHUGH, P_PAMIR_E)),
 # Xinjiang
 "UYGH": ("Turfan, Hami and Lop Nor", inter(XJ, P_UYGH)),
 "ILI": ("the Ili valley", diff(inter(XJ, P_ILI, P_NORTH), P_UYGH)),
 "DZUN": ("Dzungaria", diff(inter(XJ, P_NORTH), P_UYGH, P_ILI)),
 "TARIM": ("the Tarim basin (Altishahr)", diff(XJ, P_NORTH, P_UYGH)),
 # Tibet, Gansu, China, Mongolia
 "WTIB": ("western Tibet (Ngari)", inter(P("XZ"), P_WTIB)),
 "TIBET": ("central and eastern Tibet", diff(P("XZ"), P_WTIB)),
 "QHAI": ("Qinghai (Amdo and Kokonor)", P("QH")),
 "GANSU_W": ("Gansu beyond Jiayu Pass (Dunhuang, Guazhou)", inter(P("GS"), P_GANSU_W)),
 "GANSU": ("the Hexi corridor, Gansu and Ningxia", diff(uni(P("GS"), P("NX")), P_GANSU_W)),
 "CHINA_N": ("northern China", CHINA_N),
 "MANCH": ("Manchuria", diff(inter(C("CN"), P_NE), P("NM"), CHINA_N)),
 "YUNNAN": ("Yunnan", P("YN")),
 "CHINA_S": ("southern China", diff(C("CN"), XJ, P("XZ"), P("QH"), P("GS"), P("NX"), P("NM"), P("YN"), CHINA_N, P_NE)),
 "MONG_IN": ("Inner Mongolia", P("NM")),
 "MONG_OUT": ("Mongolia", C("MN")),
}
