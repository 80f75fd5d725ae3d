/** English words for synthetic English film titles (common title vocabulary). */
export const ENGLISH_NOUNS = `
life death love war peace mother father son daughter brother sister child children family
house home village city town road river sea ocean mountain forest field garden sky star sun
moon night day morning evening winter spring summer autumn snow rain storm wind fire water
earth stone bread salt wine song ballad story tale legend dream dreams memory heart soul
eyes hands voice letter letters journey return ascent flight fall rise cranes birds horse
horses wolf wolves bear dog cat fox swan nightingale crow eagle soldier soldiers officer
general commissar captain sailor pilot doctor teacher student girl boy woman man men women
wife husband bride groom friend friends enemy stranger guest king queen prince princess
tsar emperor hero heroes people nation country land border frontier station train ship
boat bridge tower wall gate door window mirror clock bell road path trail way street square
palace prison camp factory school hospital church monastery battle victory defeat revolution
strike freedom truth lie justice honour glory shame fear hope faith courage silence music
dance theatre circus film picture portrait photograph diary book poem word words name
names secret secrets promise oath mission order command signal message shadow shadows light
darkness ashes dust smoke gold silver iron steel glass paper diamond treasure island lake
valley steppe desert taiga tundra harbor coast shore cliff cave well spring orchard meadow
wheat rye harvest apple cherry birch oak pine willow rose lily violet flower flowers seed
childhood youth age years century hour minute moment time beginning end farewell meeting
encounter wedding funeral holiday festival feast hunt chase escape search rescue trial
sentence verdict crime punishment sin prayer miracle angel devil ghost spirit witch wizard
`
  .split(/\s+/)
  .filter(Boolean);

export const ENGLISH_ADJECTIVES = `
last first lost forgotten silent white black red green blue golden silver dark bright
cold warm hot long short old young little great big small quiet wild strange distant
secret hidden broken burning frozen eternal endless final only other second third
forty-first unfinished unknown happy sad lonely faithful cruel kind brave gentle holy
bitter sweet northern southern eastern western new ancient early late deep high
`
  .split(/\s+/)
  .filter(Boolean);

export const ENGLISH_VERBS_ING = `
flying running waiting burning falling rising singing dancing coming going leaving
returning dreaming searching hunting crying laughing sleeping walking passing
`
  .split(/\s+/)
  .filter(Boolean);

/** Common Russian given names (with the ones in Soviet film credits) for synthetic people. */
export const RUSSIAN_GIVEN_NAMES = `
Александр Алексей Анатолий Андрей Антон Аркадий Борис Вадим Валентин Валерий Василий
Виктор Виталий Владимир Владислав Всеволод Вячеслав Геннадий Георгий Глеб Григорий
Даниил Денис Дмитрий Евгений Егор Иван Игорь Илья Кирилл Константин Лев Леонид Максим
Марк Михаил Никита Николай Олег Павел Пётр Роман Ростислав Семён Сергей Станислав
Степан Тимофей Фёдор Эльдар Юрий Яков Ярослав Анна Алла Валентина Вера Галина Дарья
Евгения Екатерина Елена Елизавета Зинаида Инна Ирина Изольда Кира Лариса Людмила
Любовь Марина Мария Наталья Нина Нонна Ольга Римма Светлана Софья Тамара Татьяна
Юлия Ия Клавдия Алиса
`
  .split(/\s+/)
  .filter(Boolean);
