
export type AddOnDaysView = number | string;
