int not_a_type(void);
