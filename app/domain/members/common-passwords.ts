// Frequently used passwords of 10 characters or more (shorter ones are refused
// by the length rule anyway), drawn from public breach-frequency lists.
// Compared case-insensitively.
export const COMMON_PASSWORDS = new Set([
  "1234567890", "12345678910", "123456789a", "1234567890a", "0987654321", "1111111111", "0000000000",
  "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4t5", "qwertyuiop", "qwertyuiop1", "qwerty1234", "qwerty12345",
  "qwerty123456", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "1qaz2wsx3edc", "qazwsxedc123", "qazwsxedcrfv",
  "password12", "password123", "password1234", "password12345", "password!1", "password1!", "passw0rd123",
  "p@ssw0rd123", "p@ssword123", "iloveyou12", "iloveyou123", "iloveyou1234", "football123", "baseball123",
  "princess123", "sunshine123", "superman123", "starwars123", "welcome123", "welcome1234", "welcome2024",
  "welcome2025", "welcome2026", "letmein123", "letmein1234", "abc1234567", "abcd123456", "abcdefghij",
  "abcdefg123", "changeme123", "trustno1234", "monkey12345", "dragon12345", "michael123", "jennifer123",
  "jordan2323", "charlie123", "computer123", "internet123", "administrator", "admin12345", "admin123456",
  "adminadmin", "rootroot12", "summer2024", "summer2025", "summer2026", "winter2024", "winter2025",
  "winter2026", "spring2025", "spring2026", "autumn2025", "autumn2026", "january2026", "november2026",
  "1234qwerasdf", "1234554321", "1122334455", "1029384756", "9876543210", "5555555555", "7777777777",
  "aaaaaaaaaa", "qqqqqqqqqq", "passwordpassword", "mypassword1", "mypassword123", "secret1234",
  "secret12345", "test123456", "testtest12", "testing123", "hello12345", "helloworld", "helloworld1",
  "whatever123", "freedom123", "shadow12345", "master12345", "killer1234", "pokemon123", "chocolate1",
  "butterfly1", "basketball", "basketball1", "football1!", "liverpool1", "chelsea123", "arsenal123",
  "manchester", "manchester1", "cmecommons", "cmecommons1", "continuing", "education1", "healthcare1",
  "medicine123", "doctor1234", "nurse12345", "hospital123",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
