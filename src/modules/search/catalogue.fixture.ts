/**
 * The ten catalogue films of shared/reference/films.json (and Матерь человеческая), as search
 * documents: a small corpus for the search tests.
 */
import type { SearchDocument } from './engine.ts';

export const CATALOGUE: SearchDocument[] = [
  {
    slug: 'mother-1926',
    titles: [
      { text: 'Мать', kind: 'original' },
      { text: 'Mother', kind: 'english' },
      { text: "Mat'", kind: 'transliteration' },
      { text: 'The Mother', kind: 'alternative' },
    ],
    people: ['Vsevolod Pudovkin', 'Всеволод Пудовкин', 'Vera Baranovskaya', 'Вера Барановская'],
    year: 1926,
  },
  {
    slug: 'mother-1955',
    titles: [
      { text: 'Мать', kind: 'original' },
      { text: 'Mother', kind: 'english' },
      { text: "Mat'", kind: 'transliteration' },
      { text: 'The Mother', kind: 'alternative' },
      { text: '1905', kind: 'alternative' },
    ],
    people: [
      'Mark Donskoy',
      'Марк Донской',
      'Vera Maretskaya',
      'Вера Марецкая',
      'Aleksey Batalov',
      'Алексей Баталов',
    ],
    year: 1955,
  },
  {
    slug: 'mother-1990',
    titles: [
      { text: 'Мать', kind: 'original' },
      { text: 'Mother', kind: 'english' },
      { text: "Mat'", kind: 'transliteration' },
      { text: 'Forbidden People', kind: 'alternative' },
      { text: 'Запрещённые люди', kind: 'alternative' },
    ],
    people: ['Gleb Panfilov', 'Глеб Панфилов', 'Inna Churikova', 'Инна Чурикова'],
    year: 1990,
  },
  {
    slug: 'the-cranes-are-flying-1957',
    titles: [
      { text: 'Летят журавли', kind: 'original' },
      { text: 'The Cranes Are Flying', kind: 'english' },
      { text: 'Letyat zhuravli', kind: 'transliteration' },
      { text: 'Quand passent les cigognes', kind: 'alternative' },
    ],
    people: ['Mikhail Kalatozov', 'Михаил Калатозов', 'Tatiana Samoilova', 'Татьяна Самойлова'],
    year: 1957,
  },
  {
    slug: 'ballad-of-a-soldier-1959',
    titles: [
      { text: 'Баллада о солдате', kind: 'original' },
      { text: 'Ballad of a Soldier', kind: 'english' },
      { text: 'Ballada o soldate', kind: 'transliteration' },
      { text: 'The Ballad of a Soldier', kind: 'alternative' },
    ],
    people: ['Grigori Chukhrai', 'Григорий Чухрай', 'Vladimir Ivashov', 'Владимир Ивашов'],
    year: 1959,
  },
  {
    slug: 'the-forty-first-1956',
    titles: [
      { text: 'Сорок первый', kind: 'original' },
      { text: 'The Forty-First', kind: 'english' },
      { text: 'Sorok pervyy', kind: 'transliteration' },
      { text: 'The 41st', kind: 'alternative' },
    ],
    people: ['Grigori Chukhrai', 'Григорий Чухрай', 'Izolda Izvitskaya', 'Изольда Извицкая'],
    year: 1956,
  },
  {
    slug: 'the-house-i-live-in-1957',
    titles: [
      { text: 'Дом, в котором я живу', kind: 'original' },
      { text: 'The House I Live In', kind: 'english' },
      { text: 'Dom, v kotorom ya zhivu', kind: 'transliteration' },
    ],
    people: ['Lev Kulidzhanov', 'Лев Кулиджанов', 'Yakov Segel', 'Яков Сегель'],
    year: 1957,
  },
  {
    slug: 'the-return-of-vasili-bortnikov-1953',
    titles: [
      { text: 'Возвращение Василия Бортникова', kind: 'original' },
      { text: 'The Return of Vasili Bortnikov', kind: 'english' },
      { text: 'Vozvrashcheniye Vasiliya Bortnikova', kind: 'transliteration' },
      { text: 'The Return of Vasilij Bortnikov', kind: 'alternative' },
    ],
    people: ['Vsevolod Pudovkin', 'Всеволод Пудовкин', 'Sergei Lukyanov', 'Сергей Лукьянов'],
    year: 1953,
  },
  {
    slug: 'the-childhood-of-maxim-gorky-1938',
    titles: [
      { text: 'Детство Горького', kind: 'original' },
      { text: 'The Childhood of Maxim Gorky', kind: 'english' },
      { text: "Detstvo Gor'kogo", kind: 'transliteration' },
      { text: 'My Childhood', kind: 'alternative' },
      { text: 'Detstvo Gorkovo', kind: 'alternative' },
    ],
    people: ['Mark Donskoy', 'Марк Донской', 'Aleksei Lyarsky', 'Алексей Лярский'],
    year: 1938,
  },
  {
    slug: 'the-ascent-1977',
    titles: [
      { text: 'Восхождение', kind: 'original' },
      { text: 'The Ascent', kind: 'english' },
      { text: 'Voskhozhdeniye', kind: 'transliteration' },
      { text: 'Ascension', kind: 'alternative' },
    ],
    people: ['Larisa Shepitko', 'Лариса Шепитько', 'Boris Plotnikov', 'Борис Плотников'],
    year: 1977,
  },
  {
    slug: 'mater-chelovecheskaya-1975',
    titles: [
      { text: 'Матерь человеческая', kind: 'original' },
      { text: "Mater' chelovecheskaya", kind: 'transliteration' },
    ],
    people: ['Leonid Golovnya', 'Леонид Головня'],
    year: 1975,
  },
];
