package batch

// messagesFR is the French of batch's messages, by their English format
// (message.go).
var messagesFR = map[string]string{
	"Client ID %s is already in the client register for another person (their intake %s): the family name and the date of birth both differ from this intake (%s), so the two were not merged. Give this client a Client ID of their own, or check the register with `cecbatch register show %s`.": "L'identifiant client %s figure déjà au registre des clients pour une autre personne (son dossier d'accueil %s) : le nom de famille et la date de naissance diffèrent tous deux de ce dossier d'accueil (%s) ; les deux n'ont donc pas été fusionnés. Donner à ce client son propre identifiant, ou vérifier le registre avec `cecbatch register show %s`.",
}
